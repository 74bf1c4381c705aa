// Every flag kind, in the order flags are listed for a frame: defined with the API's values.
export { FLAG_KINDS, isFlagKind } from '../../common/values.ts';
