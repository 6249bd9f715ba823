package io.fer.processor.model;

/** Why a model release (or a local bundle) was refused; the {@code reason} tag of the refusals counter. */
public enum RefusalReason {
    /** The record on the models topic cannot be decoded as a ModelRelease. */
    UNDECODABLE,
    /** No inline artifact, and the artifact URI is missing or unreadable. */
    NO_ARTIFACT,
    /** The artifact's SHA-256 differs from the release's. */
    CHECKSUM,
    /** The release carries no signature while signatures are required. */
    UNSIGNED,
    /** The signature does not verify against the configured public key (or no key is configured). */
    SIGNATURE,
    /** The input shape is not [1, 48, 48]. */
    INPUT_SHAPE,
    /** The architecture is unknown. */
    ARCHITECTURE,
    /** The class names are not emotions, or their number differs from the network's outputs. */
    CLASS_COUNT,
    /** The weights are not a readable safetensors file with the architecture's tensors. */
    WEIGHTS,
    /** The normalisation is not a finite mean and a positive std. */
    NORMALISATION,
    /** The smoke inference failed or gave something other than probabilities. */
    SMOKE_INFERENCE
}
