/**
 * Evaluations of the learned scorers on public labeled data sets (NSL-KDD, CIC-IDS2017): honest
 * train/test splits, ROC-AUC of the autoencoder and the isolation forest. {@link
 * io.watchfloor.loadtest.eval.EvaluateMain} runs them ({@code ops/bench-eval}).
 */
package io.watchfloor.loadtest.eval;
