/** The CDK app: `cdk synth` builds every stage in cdk.json, `-c stage=dev` just one. */
import { App } from 'aws-cdk-lib';
import { addStages } from './stages.ts';

const app = new App();
addStages(app);
app.synth();
