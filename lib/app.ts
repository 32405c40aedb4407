/**
 * The CDK app: `cdk synth` builds every stage in cdk.json, `-c stage=dev` just one. The web app is
 * built first (skipped when its inputs are unchanged); `-c webAssetDir=<dir>` deploys a given build
 * instead, without running Vite.
 */
import { App } from 'aws-cdk-lib';
import { buildWebApp } from '../web/build.ts';
import { addStages } from './stages.ts';

const app = new App();
const given: unknown = app.node.tryGetContext('webAssetDir');
const webAssetDir = typeof given === 'string' && given !== '' ? given : (await buildWebApp()).dir;
addStages(app, { webAssetDir });
app.synth();
