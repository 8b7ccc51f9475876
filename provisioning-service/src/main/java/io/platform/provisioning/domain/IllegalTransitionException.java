package io.platform.provisioning.domain;

/** A saga was asked to move to a status its current status does not lead to. */
public class IllegalTransitionException extends IllegalStateException {

    public IllegalTransitionException(String requestId, SagaStatus from, SagaStatus to) {
        super("request " + requestId + " cannot move from " + from + " to " + to);
    }
}
