package io.watchfloor.loadtest.eval;

/**
 * What one data set's evaluation measured.
 *
 * @param dataset name of the data set
 * @param dimension features per row after encoding
 * @param trainRows normal rows the scorers were fitted on
 * @param testNormalRows normal rows held out for the test
 * @param testAttackRows attack rows in the test (all of them)
 * @param rejectedRows rows left out because a field was malformed or not finite
 * @param autoencoderAuc ROC-AUC of the autoencoder's reconstruction error
 * @param forestAuc ROC-AUC of the isolation forest's score
 * @param detectionRate share of test attacks above the autoencoder's own threshold
 * @param falseAlarmRate share of test normal rows above that threshold
 * @param detectionAtOnePercent share of test attacks above the 99th percentile of the test normal
 *     rows' errors (the ROC curve's true-positive rate at 1 % false positives)
 * @param autoencoderTrainSeconds wall time of the site-model training (DL4J)
 * @param forestFitSeconds wall time of growing the forest
 */
public record EvaluationResult(
    String dataset,
    int dimension,
    int trainRows,
    int testNormalRows,
    int testAttackRows,
    int rejectedRows,
    double autoencoderAuc,
    double forestAuc,
    double detectionRate,
    double falseAlarmRate,
    double detectionAtOnePercent,
    double autoencoderTrainSeconds,
    double forestFitSeconds) {}
