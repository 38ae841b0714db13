# Times metafor on the same analyses `grove meta` recomputes (bench/metafor.bench.ts): for
# each analysis the nearest equivalent fit — rma.mh for Mantel–Haenszel fixed effect,
# rma.peto for Peto odds ratios, rma otherwise (FE, or the analysis's tau² estimator for
# random effects, with Knapp–Hartung for HKSJ intervals) — for exactly the pools Grove
# computes: the total when the analysis asks for one (RevMan TOTALS="YES") or has no
# subgroups, and each subgroup. Only the fits are timed, not R's start-up or reading the
# JSON; wall (elapsed) and CPU (user + system) time, median of REPEATS. Prints one JSON line.
#
#   Rscript bench/r/metafor-timing.R ANALYSES.json [REPEATS]
suppressPackageStartupMessages({
  library(metafor)
  library(jsonlite)
})

args <- commandArgs(trailingOnly = TRUE)
analyses <- fromJSON(args[[1]], simplifyVector = TRUE, simplifyDataFrame = TRUE)
repeats <- if (length(args) >= 2) as.integer(args[[2]]) else 1L

fit <- function(a, d) {
  random <- identical(a$model, "random")
  method <- if (random) a$tau2Estimator else "FE"
  test <- if (random && !identical(a$ciMethod, "wald")) "knha" else "z"
  level <- 100 * a$ciLevel
  m <- a$effectMeasure
  switch(a$dataType,
    dichotomous = {
      if (identical(m, "PETO_OR") || identical(a$method, "PETO")) {
        rma.peto(ai = d$events1, n1i = d$total1, ci = d$events2, n2i = d$total2, level = level)
      } else if (identical(a$method, "MH") && !random) {
        rma.mh(ai = d$events1, n1i = d$total1, ci = d$events2, n2i = d$total2, measure = m, level = level)
      } else {
        rma(ai = d$events1, n1i = d$total1, ci = d$events2, n2i = d$total2, measure = m, method = method, test = test, level = level)
      }
    },
    continuous = rma(
      measure = m, m1i = d$mean1, sd1i = d$sd1, n1i = d$total1, m2i = d$mean2, sd2i = d$sd2, n2i = d$total2,
      method = method, test = test, level = level
    ),
    generic = rma(yi = d$estimate, sei = d$se, method = method, test = test, level = level),
    rma(yi = d$oe / d$variance, vi = 1 / d$variance, method = method, test = test, level = level)
  )
}

fits <- 0L
failed <- 0L
run <- function() {
  for (i in seq_len(nrow(analyses))) {
    a <- analyses[i, ]
    d <- a$rows[[1]]
    # Grove's rule (shared/src/stats/analyze.ts): with subgroups, each subgroup is pooled and
    # the total only when asked for; without, the total.
    labels <- if ("subgroup" %in% names(d)) unique(d$subgroup[!is.na(d$subgroup)]) else character(0)
    groups <- if (length(labels) == 0 || isTRUE(a$overall)) list(d) else list()
    groups <- c(groups, lapply(labels, function(s) d[!is.na(d$subgroup) & d$subgroup == s, , drop = FALSE]))
    for (g in groups) {
      ok <- tryCatch({
        suppressWarnings(fit(a, g))
        TRUE
      }, error = function(e) FALSE)
      fits <<- fits + 1L
      if (!ok) failed <<- failed + 1L
    }
  }
}

times <- numeric(repeats)
cpu <- numeric(repeats)
for (r in seq_len(repeats)) {
  fits <- 0L
  failed <- 0L
  t <- system.time(run())
  times[r] <- t[["elapsed"]]
  cpu[r] <- t[["user.self"]] + t[["sys.self"]]
}
cat(toJSON(list(
  analyses = nrow(analyses), fits = fits, failed = failed,
  seconds = median(times), cpuSeconds = median(cpu), metafor = as.character(packageVersion("metafor"))
), auto_unbox = TRUE), "\n")
