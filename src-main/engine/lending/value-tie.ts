/**
 * Values within one part in 10^9 of each other count as equal, and the first in the account's order
 * wins: the dust rule leaves two reserves at exactly $1,000 each, and the daily kernel's floats must
 * then choose as the engine does (the kernel's `largestDebtSlot` uses the same tolerance).
 */
export const VALUE_TIE_TOLERANCE = 1e-9;
