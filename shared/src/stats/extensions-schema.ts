// The optional "beyond RevMan" blocks of a `grove meta` analysis (issue 17): meta-regression,
// trim-and-fill, cumulative meta-analysis, influence diagnostics, the binomial-normal GLMM, and the covariates that
// rows carry for them. Each block is validated here; whether it can run on the data (a
// moderator missing in a row, too few studies) is decided when it runs, and a block that
// cannot gives an error entry in its own place (see extensions.ts).
import * as z from 'zod';
import { isRevManCorrection, type ContinuityCorrection } from './continuity-correction.ts';
import type { CumulativeRequest } from './cumulative.ts';
import type { GlmmRequest } from './glmm-block.ts';
import type { MetaRegressionRequest } from './meta-regression.ts';
import type { TrimFillRequest } from './trim-and-fill.ts';

/** The covariates field of a row and the blocks' schemas, built on first use (schema.ts says why). */
export function extensionSchemas() {
  const covariateName = z.string({ error: 'must be a string' }).min(1, { error: 'must not be empty' });

  /** `"covariates": {"year": 1994, "alloc": "random"}`: numbers are continuous, text categorical. */
  const covariatesField = z
    .record(
      covariateName,
      z.union([z.number({ error: 'must be a finite number or a string' }), z.string()], { error: 'must be a finite number or a string' }),
      {
        error: 'must be an object of covariate values',
      },
    )
    .optional();

  const metaRegressionBlock = z
    .object(
      {
        moderators: z
          .array(covariateName, { error: 'must be an array of covariate names' })
          .min(1, { error: 'must name at least one moderator' }),
        test: z.enum(['z', 'knha'], { error: "must be 'z' or 'knha'" }).default('z'),
        tau2Estimator: z.enum(['REML', 'DL', 'PM', 'FE'], { error: "must be 'REML', 'DL', 'PM' or 'FE'" }).default('REML'),
        permutations: z
          .number()
          .int({ error: 'must be a whole number' })
          .min(1, { error: 'must be ≥ 1' })
          .max(100000, { error: 'must be ≤ 100000' })
          .optional(),
        seed: z.number().int({ error: 'must be a whole number' }).optional(),
      },
      { error: 'must be an object with "moderators"' },
    )
    .strict();

  const trimFillBlock = z.union(
    [
      z.boolean(),
      z
        .object({
          estimator: z.enum(['L0', 'R0'], { error: "must be 'L0' or 'R0'" }).default('L0'),
          side: z.enum(['left', 'right'], { error: "must be 'left' or 'right'" }).optional(),
        })
        .strict(),
    ],
    { error: 'must be true, false or {"estimator", "side"}' },
  );

  const cumulativeBlock = z.union([z.boolean(), z.object({ orderBy: covariateName.optional() }).strict()], {
    error: 'must be true, false or {"orderBy": "<covariate>"}',
  });

  const continuityCorrectionField = z
    .object(
      {
        kind: z.enum(['constant', 'treatment-arm', 'none'], { error: "must be 'constant', 'treatment-arm' or 'none'" }),
        value: z.number({ error: 'must be a finite number' }).gt(0, { error: 'must be > 0' }).default(0.5),
        apply: z.enum(['zero-cell-studies', 'all'], { error: "must be 'zero-cell-studies' or 'all'" }).default('zero-cell-studies'),
      },
      { error: 'must be an object with "kind"' },
    )
    .strict()
    .transform((c): ContinuityCorrection => (c.kind === 'none' ? { kind: 'none' } : c));

  // metafor's rma.glmm default is nAGQ = 7; lme4 allows up to 25 points per study.
  const glmmBlock = z.union(
    [
      z.boolean(),
      z
        .object({
          quadraturePoints: z
            .number()
            .int({ error: 'must be a whole number' })
            .min(1, { error: 'must be ≥ 1' })
            .max(25, { error: 'must be ≤ 25' })
            .default(7),
          model: z.enum(['fixed', 'random'], { error: "must be 'fixed' or 'random'" }).optional(),
        })
        .strict(),
    ],
    { error: 'must be true, false or {"quadraturePoints", "model"}' },
  );

  const extensionsShape = {
    continuityCorrection: continuityCorrectionField.optional(),
    metaRegression: metaRegressionBlock.optional(),
    trimFill: trimFillBlock.optional(),
    cumulative: cumulativeBlock.optional(),
    influence: z.boolean({ error: 'must be true or false' }).optional(),
    glmm: glmmBlock.optional(),
  };

  return { covariatesField, extensionsShape };
}

type ExtensionsShape = ReturnType<typeof extensionSchemas>['extensionsShape'];

/** Where a cross-field rule reports a problem: zod's refinement context, or a recorder (input-fast-path.ts). */
export type IssueSink = Pick<z.RefinementCtx, 'addIssue'>;

/** The blocks requested, resolved (absent = not requested). */
export interface ExtensionRequests {
  metaRegression?: MetaRegressionRequest;
  trimFill?: TrimFillRequest;
  cumulative?: CumulativeRequest;
  influence?: true;
  glmm?: GlmmRequest;
}

type ParsedBlocks = {
  [K in keyof ExtensionsShape]?: z.infer<ExtensionsShape[K]>;
};

export function resolveExtensions(req: ParsedBlocks): ExtensionRequests {
  const out: ExtensionRequests = {};
  if (req.metaRegression) out.metaRegression = req.metaRegression;
  if (req.trimFill === true) out.trimFill = { estimator: 'L0' };
  else if (req.trimFill) out.trimFill = req.trimFill;
  if (req.cumulative === true) out.cumulative = {};
  else if (req.cumulative) out.cumulative = req.cumulative;
  if (req.influence) out.influence = true;
  if (req.glmm === true) out.glmm = { quadraturePoints: 7 };
  else if (req.glmm)
    out.glmm = req.glmm.model
      ? { quadraturePoints: req.glmm.quadraturePoints, model: req.glmm.model }
      : { quadraturePoints: req.glmm.quadraturePoints };
  return out;
}

/** A continuity correction other than RevMan's applies to inverse-variance dichotomous analyses only. */
export function checkContinuityCorrection(
  req: { dataType: string; method?: string | undefined; continuityCorrection?: ContinuityCorrection | undefined },
  ctx: IssueSink,
): void {
  const c = req.continuityCorrection;
  if (!c || isRevManCorrection(c)) return;
  if (req.dataType !== 'dichotomous') {
    ctx.addIssue({ code: 'custom', path: ['continuityCorrection'], message: 'applies only to dichotomous data' });
  } else if (req.method !== 'IV') {
    ctx.addIssue({
      code: 'custom',
      path: ['continuityCorrection'],
      message: 'applies to inverse-variance analyses (set "method": "IV"); Mantel–Haenszel and Peto keep RevMan\'s rule',
    });
  }
}
