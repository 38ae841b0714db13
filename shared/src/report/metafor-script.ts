// The R script that reproduces an analysis with metafor (issue 17: `grove report FILE
// --script ID`). Where metafor has RevMan's method, the script calls it (escalc, rma, rma.mh,
// rma.peto); where it has none — RevMan's SMD (approximate J, 3.94), the RD with its
// zero-cell variance, the Mantel–Haenszel sums with RevMan's zero-cell correction and the
// Greenland–Robins RD variance, DerSimonian–Laird τ² from the Mantel–Haenszel Q — the script
// computes the study estimates and variances (or the pooled values) with RevMan's formulas
// and says so in a comment. Each pooled result is printed on a line
//   grove-result <label> <estimate> <ci.lb> <ci.ub> <tau2>
// (natural scale, 17 significant digits) so that a reader, or a test, can compare it with Grove.
import type { AnalysisInput } from '../stats/types.ts';

export interface MetaforScriptOptions {
  /** Shown in the header, e.g. the outcome's name and the review title. */
  title?: string;
  /** "Grove 0.3.0". */
  generator?: string;
}

const rString = (s: string): string => `"${s.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n')}"`;
/** Shortest round-trip decimal, so R parses the very same double. */
const rNumber = (x: number): string => (Number.isFinite(x) ? String(x) : 'NA');
const vector = (xs: readonly string[]): string => `c(${xs.join(', ')})`;

function comment(lines: readonly string[]): string {
  return lines.map((l) => `# ${l}`).join('\n');
}

/** The data frame of the rows as entered. */
function dataFrame(input: AnalysisInput): string {
  const cols: Array<[string, string[]]> = [['study', input.rows.map((r) => rString(r.study))]];
  if (input.rows.some((r) => r.subgroup !== undefined)) cols.push(['subgroup', input.rows.map((r) => rString(r.subgroup ?? ''))]);
  switch (input.dataType) {
    case 'dichotomous':
      cols.push(
        ['ai', input.rows.map((r) => rNumber(r.events1))],
        ['n1i', input.rows.map((r) => rNumber(r.total1))],
        ['ci', input.rows.map((r) => rNumber(r.events2))],
        ['n2i', input.rows.map((r) => rNumber(r.total2))],
      );
      break;
    case 'continuous':
      cols.push(
        ['m1i', input.rows.map((r) => rNumber(r.mean1))],
        ['sd1i', input.rows.map((r) => rNumber(r.sd1))],
        ['n1i', input.rows.map((r) => rNumber(r.total1))],
        ['m2i', input.rows.map((r) => rNumber(r.mean2))],
        ['sd2i', input.rows.map((r) => rNumber(r.sd2))],
        ['n2i', input.rows.map((r) => rNumber(r.total2))],
      );
      break;
    case 'generic':
      cols.push(['estimate', input.rows.map((r) => rNumber(r.estimate))], ['se', input.rows.map((r) => rNumber(r.se))]);
      break;
    case 'oe-variance':
      cols.push(['oe', input.rows.map((r) => rNumber(r.oe))], ['v', input.rows.map((r) => rNumber(r.variance))]);
      break;
  }
  return `dat <- data.frame(\n${cols.map(([n, v]) => `  ${n} = ${vector(v)}`).join(',\n')},\n  stringsAsFactors = FALSE\n)`;
}

/** Study estimates yi and variances vi on the analysis scale; NA for a study that is not estimable. */
function studyEstimates(input: AnalysisInput): string {
  switch (input.dataType) {
    case 'dichotomous': {
      const m = input.effectMeasure;
      if (m === 'OR' || m === 'RR') {
        return [
          comment([`ln ${m}: 0.5 added to all four cells of a study with a zero cell; no events (or only events) in both arms: not estimable (RevMan 5).`]),
          `dat <- escalc(measure = "${m}", ai = ai, n1i = n1i, ci = ci, n2i = n2i, data = dat, add = 1/2, to = "only0", drop00 = TRUE)`,
        ].join('\n');
      }
      if (m === 'RD') {
        return [
          comment([
            "RevMan's risk difference (no metafor equivalent): the raw difference of proportions, its variance from the",
            'cells with 0.5 added when the study has a zero cell.',
          ]),
          'add <- with(dat, ifelse(ai == 0 | ai == n1i | ci == 0 | ci == n2i, 0.5, 0))',
          'a <- dat$ai + add; b <- dat$n1i - dat$ai + add; c <- dat$ci + add; d <- dat$n2i - dat$ci + add',
          'dat$yi <- dat$ai / dat$n1i - dat$ci / dat$n2i',
          'dat$vi <- a * b / (a + b)^3 + c * d / (c + d)^3',
        ].join('\n');
      }
      return [
        comment(["Peto's one-step log odds ratio: (O − E)/V with variance 1/V (hypergeometric V); V = 0: not estimable."]),
        'peto <- with(dat, { n <- n1i + n2i; e <- ai + ci; list(oe = ai - n1i * e / n, v = n1i * n2i * e * (n - e) / (n^2 * (n - 1))) })',
        'dat$yi <- ifelse(peto$v > 0, peto$oe / peto$v, NA)',
        'dat$vi <- ifelse(peto$v > 0, 1 / peto$v, NA)',
      ].join('\n');
    }
    case 'continuous':
      if (input.effectMeasure === 'MD') {
        return [
          comment(['Mean difference with the unpooled variance sd1²/n1 + sd2²/n2 (RevMan 5; metafor vtype = "LS").']),
          'dat <- escalc(measure = "MD", m1i = m1i, sd1i = sd1i, n1i = n1i, m2i = m2i, sd2i = sd2i, n2i = n2i, data = dat)',
          'dat$yi[!(dat$vi > 0)] <- NA',
        ].join('\n');
      }
      return [
        comment([
          "RevMan's standardised mean difference (no metafor equivalent; metafor's SMD uses the exact J):",
          "Hedges' g with J = 1 − 3/(4N − 9) and variance N/(n1·n2) + g²/(2(N − 3.94)).",
        ]),
        'dat$yi <- with(dat, { N <- n1i + n2i; sp <- sqrt(((n1i - 1) * sd1i^2 + (n2i - 1) * sd2i^2) / (N - 2)); (m1i - m2i) / sp * (1 - 3 / (4 * N - 9)) })',
        'dat$vi <- with(dat, { N <- n1i + n2i; N / (n1i * n2i) + yi^2 / (2 * (N - 3.94)) })',
        'dat$yi[with(dat, n1i < 2 | n2i < 2 | !is.finite(yi))] <- NA',
      ].join('\n');
    case 'generic':
      return [
        comment([`Estimates as entered${input.logScale ? ' (natural-log scale)' : ''}; SE = 0: not estimable (RevMan 5).`]),
        'dat$yi <- ifelse(dat$se > 0, dat$estimate, NA)',
        'dat$vi <- dat$se^2',
      ].join('\n');
    case 'oe-variance':
      return [
        comment(['Log hazard ratio from O − E and its variance V: (O − E)/V with variance 1/V (RevMan 5); V = 0: not estimable.']),
        'dat$yi <- ifelse(dat$v > 0, dat$oe / dat$v, NA)',
        'dat$vi <- ifelse(dat$v > 0, 1 / dat$v, NA)',
      ].join('\n');
  }
}

const MH_HELPERS = `# RevMan 5's Mantel–Haenszel pooled log OR, log RR or RD with their variances: the sums use
# 0.5 added to every cell of a zero-cell study (RD: weights and estimate from raw counts,
# the Greenland–Robins variance numerator from corrected cells). metafor's rma.mh uses the
# raw counts, so with a zero cell (and for the RD) the sums are written out here.
mh <- function(d, measure) {
  add <- with(d, ifelse(ai == 0 | ai == n1i | ci == 0 | ci == n2i, 0.5, 0))
  a <- d$ai + add; b <- d$n1i - d$ai + add; c <- d$ci + add; dd <- d$n2i - d$ci + add
  n <- a + b + c + dd
  if (measure == "OR") {
    r <- a * dd / n; s <- b * c / n; p <- (a + dd) / n; q <- (b + c) / n
    R <- sum(r); S <- sum(s)
    return(list(y = log(R / S), v = 0.5 * (sum(p * r) / R^2 + (sum(p * s) + sum(q * r)) / (R * S) + sum(q * s) / S^2)))
  }
  if (measure == "RR") {
    n1 <- a + b; n2 <- c + dd
    R <- sum(a * n2 / n); S <- sum(c * n1 / n)
    return(list(y = log(R / S), v = sum((n1 * n2 * (a + c) - a * c * n) / n^2) / (R * S)))
  }
  w <- d$n1i * d$n2i / (d$n1i + d$n2i)
  m1 <- a + b; m2 <- c + dd
  list(y = sum(w * (d$ai / d$n1i - d$ci / d$n2i)) / sum(w),
       v = sum((a * b * m2^3 + c * dd * m1^3) / (m1 * m2 * n^2)) / sum(w)^2)
}`;

const REPORT_HELPER = `report <- function(label, y, lb, ub, tau2, ratio) {
  f <- if (ratio) exp else identity
  cat(sprintf("grove-result %s %.17g %.17g %.17g %.17g\\n", label, f(y), f(lb), f(ub), tau2))
}`;

function testOf(input: AnalysisInput): string {
  if (input.model === 'fixed' || input.ciMethod === 'wald') return '"z"';
  return input.ciMethod === 'hksj' ? '"knha"' : '"adhoc"';
}

/** R code pooling the data frame `d` (estimable rows only) and reporting under `label`. */
function poolCode(input: AnalysisInput, ratio: boolean): string {
  const level = `level = ${rNumber(input.ciLevel * 100)}`;
  const rep = (what: string): string => `report(label, ${what}, ${ratio ? 'TRUE' : 'FALSE'})`;
  const fromRma = rep('res$beta[1], res$ci.lb, res$ci.ub, res$tau2');
  const random = input.model === 'random';
  const ctl = 'control = list(threshold = 1e-12, tol = 1e-14, maxiter = 10000)';
  const rmaRandom = `rma(yi, vi, data = d, method = "${input.tau2Estimator}", test = ${testOf(input)}, ${level}, ${ctl})`;
  const lines: string[] = [];
  if (input.method === 'IV' || input.dataType !== 'dichotomous') {
    lines.push(`res <- ${random ? rmaRandom : `rma(yi, vi, data = d, method = "FE", ${level})`}`, fromRma);
    return lines.join('\n');
  }
  if (input.method === 'PETO') {
    if (!random) {
      lines.push(`res <- rma.peto(ai = ai, n1i = n1i, ci = ci, n2i = n2i, data = d, ${level})`, fromRma);
    } else {
      lines.push(
        '# Random effects on the Peto log odds ratios (for DerSimonian–Laird the Peto Q equals the IV Q of these).',
        `res <- ${rmaRandom}`,
        fromRma,
      );
    }
    return lines.join('\n');
  }
  const measure = input.effectMeasure;
  lines.push(
    '# One study: RevMan reports its own estimate.',
    `if (nrow(d) == 1) { res <- rma(yi, vi, data = d, method = "FE", ${level}); ${fromRma} } else {`,
    `  m <- mh(d, "${measure}")`,
  );
  if (measure === 'OR' || measure === 'RR') {
    lines.push(
      '  # Without zero cells RevMan\'s sums are metafor\'s: use rma.mh.',
      `  if (!any(with(d, ai == 0 | ai == n1i | ci == 0 | ci == n2i))) { mhres <- rma.mh(ai = ai, n1i = n1i, ci = ci, n2i = n2i, data = d, measure = "${measure}", ${level}); m <- list(y = mhres$beta[1], v = mhres$se^2) }`,
    );
  }
  if (!random) {
    lines.push(`  z <- qnorm(1 - (1 - ${rNumber(input.ciLevel)}) / 2)`, `  ${rep('m$y, m$y - z * sqrt(m$v), m$y + z * sqrt(m$v), 0')}`);
  } else if (input.tau2Estimator === 'DL') {
    lines.push(
      '  # RevMan 5: DerSimonian–Laird τ² from the Q around the Mantel–Haenszel estimate (no metafor equivalent),',
      '  # then inverse-variance random effects with that τ².',
      '  w <- 1 / d$vi; q <- sum(w * (d$yi - m$y)^2)',
      '  tau2 <- max(0, (q - (nrow(d) - 1)) / (sum(w) - sum(w^2) / sum(w)))',
      `  res <- rma(yi, vi, data = d, tau2 = tau2, test = ${testOf(input)}, ${level})`,
      `  ${fromRma}`,
    );
  } else {
    lines.push(`  res <- ${rmaRandom}`, `  ${fromRma}`);
  }
  lines.push('}');
  return lines.join('\n');
}

function ratioOf(input: AnalysisInput): boolean {
  if (input.dataType === 'generic') return input.logScale;
  return input.effectMeasure === 'OR' || input.effectMeasure === 'RR' || input.effectMeasure === 'PETO_OR' || input.effectMeasure === 'HR';
}

/**
 * The binomial-normal GLMM of the analysis's "glmm" block (beyond RevMan), with Grove's model
 * choice (ML for a random-effects analysis unless the block says otherwise) and its quadrature.
 */
function glmmCode(input: AnalysisInput): string | null {
  const req = input.extensions?.glmm;
  if (!req || input.dataType !== 'dichotomous') return null;
  const random = (req.model ?? input.model) === 'random';
  const method = random ? `method = "ML", nAGQ = ${req.quadraturePoints}` : 'method = "FE"';
  return [
    comment([
      'Beyond RevMan: the binomial-normal GLMM for the odds ratio (Stijnen 2010) on the 2×2 counts,',
      'fixed study intercepts and a random treatment effect (model "UM.FS"; method = "ML" needs the lme4 package).',
      'Studies with no events (or only events) in both arms are dropped; no continuity correction.',
    ]),
    `glmm <- rma.glmm(measure = "OR", ai = ai, n1i = n1i, ci = ci, n2i = n2i, data = dat, model = "UM.FS", ${method}, level = ${rNumber(input.ciLevel * 100)})`,
    'report("glmm", as.numeric(glmm$beta), glmm$ci.lb, glmm$ci.ub, glmm$tau2, TRUE)',
  ].join('\n');
}

/** The whole script. */
export function metaforScript(input: AnalysisInput, options: MetaforScriptOptions = {}): string {
  const ratio = ratioOf(input);
  const subgroups = [...new Set(input.rows.flatMap((r) => (r.subgroup !== undefined ? [r.subgroup] : [])))];
  const needsMh = input.dataType === 'dichotomous' && input.method === 'MH';
  const targets: Array<{ label: string; filter: string }> = [];
  if (subgroups.length === 0 || input.overall) targets.push({ label: 'overall', filter: 'TRUE' });
  subgroups.forEach((s, i) => targets.push({ label: `subgroup${i + 1}`, filter: `dat$subgroup == ${rString(s)}` }));
  const model =
    input.model === 'fixed'
      ? `fixed effect (${input.method === 'MH' ? 'Mantel–Haenszel' : input.method === 'PETO' ? 'Peto' : 'inverse variance'})`
      : `random effects (τ² by ${input.tau2Estimator}, ${input.ciMethod === 'wald' ? 'Wald' : input.ciMethod === 'hksj' ? 'Hartung–Knapp–Sidik–Jonkman' : 'HKSJ with the ad hoc max(1, q) rule'} interval)`;
  const parts = [
    comment([
      `Reproduces ${options.title ? `"${options.title}"` : 'a Grove analysis'} with metafor${options.generator ? ` (written by ${options.generator})` : ''}.`,
      `${input.dataType} data, ${input.effectMeasure}, ${model}, ${Math.round(input.ciLevel * 100)}% confidence intervals.`,
      'Run: Rscript this-file.R   (needs the metafor package: install.packages("metafor")).',
    ]),
    'suppressMessages(library(metafor))',
    dataFrame(input),
    studyEstimates(input),
    REPORT_HELPER,
  ];
  if (needsMh) parts.push(MH_HELPERS);
  for (const t of targets) {
    parts.push(
      [
        `# ${t.label === 'overall' ? 'All studies' : `Subgroup ${rString(subgroups[Number(t.label.slice(8)) - 1] as string)}`}: estimable studies only.`,
        `label <- "${t.label}"`,
        `d <- dat[${t.filter} & !is.na(dat$yi), ]`,
        'if (nrow(d) > 0) {',
        poolCode(input, ratio)
          .split('\n')
          .map((l) => `  ${l}`)
          .join('\n'),
        '}',
      ].join('\n'),
    );
  }
  const glmm = glmmCode(input);
  if (glmm) parts.push(glmm);
  return `${parts.join('\n\n')}\n`;
}
