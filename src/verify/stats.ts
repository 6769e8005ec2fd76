// Tail probabilities for counts of arrivals: how surprising is `x` rows in a window where the
// table's own rate around that moment predicts `mu`?

/** ln Γ(x), Lanczos (g = 7, n = 9): ~15 significant digits for x > 0 */
export function lnGamma(x: number): number {
  const g = [0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059, 12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7]
  if (x < 0.5) return Math.log(Math.PI / Math.sin(Math.PI * x)) - lnGamma(1 - x)
  const z = x - 1
  let a = g[0]!
  const t = z + 7.5
  for (let i = 1; i < 9; i++) a += g[i]! / (z + i)
  return 0.5 * Math.log(2 * Math.PI) + (z + 0.5) * Math.log(t) - t + Math.log(a)
}

/** P(X ≥ x) for X ~ Poisson(mu), summed exactly from x upwards (accurate deep in the tail) */
export function poissonTail(x: number, mu: number): number {
  if (x <= 0) return 1
  if (mu <= 0) return 0
  if (x <= mu) {
    // the body of the distribution: one minus the terms below x
    let below = 0
    let term = -mu
    for (let k = 0; k < x; k++) {
      below += Math.exp(term)
      term += Math.log(mu) - Math.log(k + 1)
    }
    return Math.max(0, 1 - below)
  }
  let logTerm = -mu + x * Math.log(mu) - lnGamma(x + 1)
  let sum = 0
  for (let k = x; k < x + 10_000; k++) {
    const term = Math.exp(logTerm)
    sum += term
    if (term < sum * 1e-16) break
    logTerm += Math.log(mu) - Math.log(k + 1)
  }
  return Math.min(1, sum)
}

/** P(Z ≥ z) for a standard normal (erfc after Numerical Recipes' erfcc, relative error < 1.2e-7) */
export function normalTail(z: number): number {
  const x = z / Math.SQRT2
  const t = 1 / (1 + 0.5 * Math.abs(x))
  const r = t * Math.exp(-x * x - 1.26551223 + t * (1.00002368 + t * (0.37409196 + t * (0.09678418 + t * (-0.18628806 + t * (0.27886807 + t * (-1.13520398 + t * (1.48851587 + t * (-0.82215223 + t * 0.17087277)))))))))
  return x >= 0 ? r / 2 : 1 - r / 2
}

/** P(X ≤ x) for X ~ χ²(k), by the Wilson–Hilferty cube root (good to a few percent deep in the tail for k ≥ 7) */
export function chiSquareLowerTail(x: number, k: number): number {
  const z = (Math.cbrt(x / k) - (1 - 2 / (9 * k))) / Math.sqrt(2 / (9 * k))
  return normalTail(-z)
}

/**
 * How surprising `x` arrivals are where `mu` are expected. Real traffic is over-dispersed (the
 * hour-to-hour level wanders, launches ramp): beyond Poisson noise the rate itself may be off by
 * a relative `phi`. The larger of the Poisson tail and a normal tail with variance mu + (phi·mu)²
 * holds for small counts (Poisson) and large ones (the relative error dominates).
 */
export function surprise(x: number, mu: number, phi: number): number {
  if (x <= mu) return 1
  const dispersed = normalTail((x - mu - 0.5) / Math.sqrt(mu + phi * phi * mu * mu))
  return Math.max(poissonTail(x, mu), dispersed)
}

/**
 * An upper estimate of a rate from `count` events over `duration`: the count plus two of its
 * standard deviations plus one (so an empty window does not mean a zero rate).
 */
export function upperRate(count: number, duration: number): number {
  return (count + 1 + 2 * Math.sqrt(count + 1)) / Math.max(duration, 1e-9)
}
