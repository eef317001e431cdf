/**
 * Length hiding for field encryption: before encryption a value is padded to a fixed bucket, so the ciphertext
 * length no longer tells which of a few known values it holds (unpadded, 9 of the 30 single symptoms were
 * recognisable by length alone). Scheme of ISO/IEC 7816-4: one 0x80 byte, then zeros up to the bucket.
 * Buckets: 64 bytes, then powers of two up to 4 KiB, then whole 4 KiB steps (long texts reveal only their
 * size class).
 */
const MIN_BUCKET = 64;
const LARGE_STEP = 4096;

/** The padded size of `n` bytes (including the marker byte). */
export function bucketSize(n: number): number {
  if (n <= MIN_BUCKET) return MIN_BUCKET;
  if (n <= LARGE_STEP) return 2 ** Math.ceil(Math.log2(n));
  return Math.ceil(n / LARGE_STEP) * LARGE_STEP;
}

export function pad(plain: Buffer): Buffer {
  const out = Buffer.alloc(bucketSize(plain.length + 1));
  plain.copy(out);
  out[plain.length] = 0x80;
  return out;
}

/** The value without its padding; throws on a buffer that was not padded by `pad`. */
export function unpad(padded: Buffer): Buffer {
  let i = padded.length - 1;
  while (i >= 0 && padded[i] === 0) i--;
  if (i < 0 || padded[i] !== 0x80) throw new Error("invalid padding");
  return padded.subarray(0, i);
}
