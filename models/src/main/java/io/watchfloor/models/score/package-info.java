/**
 * Learned scorers of host-window feature vectors: a small autoencoder per host ({@link
 * io.watchfloor.models.score.NeuralScorer}), trained with DL4J and run in plain Java, started from a
 * site-wide model ({@link io.watchfloor.models.score.SiteModel}, trained on a {@link
 * io.watchfloor.models.score.NormalWindowPool} of many hosts' normal windows); and an isolation forest ({@link
 * io.watchfloor.models.score.IsolationForest}). No actors, no I/O: one instance per host, confined to
 * one thread.
 */
package io.watchfloor.models.score;
