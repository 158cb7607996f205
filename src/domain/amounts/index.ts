export { bigintRatioToNumber } from './bigint-ratio-to-number';
export { formatUnitsExact } from './format-units-exact';
export { toNumberApprox } from './to-number-approx';
