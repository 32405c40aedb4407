/**
 * The Data API database of the handler groups that use one, created once at cold start. Locally
 * only the endpoint differs (AWS_ENDPOINT_URL_RDS_DATA), never the code.
 */
import { RDSDataClient } from '@aws-sdk/client-rds-data';
import { databaseConfig } from '../config.ts';
import { DataApiDatabase } from '../store/data-api.ts';

export const database = new DataApiDatabase(new RDSDataClient({}), databaseConfig());
