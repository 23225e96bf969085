// The portal links workflows with the builder the CLI and the start-up banner use.
export { temporalWorkflowUrl } from '../../server/temporal/web-ui-link.js';
