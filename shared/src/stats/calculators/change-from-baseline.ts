// Standard deviations of changes from baseline (Cochrane Handbook v6 §6.5.2.8): impute the SD
// of the change from the baseline and final SDs and a correlation, or compute that correlation
// from a study that reports all three SDs.
import { derived, type Derived } from './derivation.ts';

function requirePositive(name: string, value: number): void {
  if (!(value > 0) || !Number.isFinite(value)) throw new RangeError(`${name}: must be a finite number > 0 (got ${value})`);
}

/** SD_change = √(SD_baseline² + SD_final² − 2·Corr·SD_baseline·SD_final). */
export function changeSdFromCorrelation(sdBaseline: number, sdFinal: number, correlation: number): Derived {
  requirePositive('sdBaseline', sdBaseline);
  requirePositive('sdFinal', sdFinal);
  if (!(correlation >= -1 && correlation <= 1)) throw new RangeError(`correlation: must be between −1 and 1 (got ${correlation})`);
  const value = Math.sqrt(sdBaseline ** 2 + sdFinal ** 2 - 2 * correlation * sdBaseline * sdFinal);
  return derived(value, {
    method: 'change-sd-from-correlation',
    inputs: { sdBaseline, sdFinal, correlation },
    formula: 'SD_change = √(SD_baseline² + SD_final² − 2·Corr·SD_baseline·SD_final)',
    reference: 'Cochrane Handbook v6 §6.5.2.8',
  });
}

/** Corr = (SD_baseline² + SD_final² − SD_change²)/(2·SD_baseline·SD_final), from a study reporting all three. */
export function correlationFromChangeSd(sdBaseline: number, sdFinal: number, sdChange: number): Derived {
  requirePositive('sdBaseline', sdBaseline);
  requirePositive('sdFinal', sdFinal);
  requirePositive('sdChange', sdChange);
  const value = (sdBaseline ** 2 + sdFinal ** 2 - sdChange ** 2) / (2 * sdBaseline * sdFinal);
  if (value < -1 || value > 1) {
    throw new RangeError(`sdChange: ${sdChange} is impossible with SDs ${sdBaseline} and ${sdFinal} (it implies a correlation of ${value.toFixed(3)})`);
  }
  return derived(value, {
    method: 'correlation-from-change-sd',
    inputs: { sdBaseline, sdFinal, sdChange },
    formula: 'Corr = (SD_baseline² + SD_final² − SD_change²)/(2·SD_baseline·SD_final)',
    reference: 'Cochrane Handbook v6 §6.5.2.8',
  });
}
