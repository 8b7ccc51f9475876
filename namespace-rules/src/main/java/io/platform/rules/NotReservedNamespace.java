package io.platform.rules;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** The annotated name is not {@code default} and has none of the reserved prefixes. */
@Documented
@Constraint(validatedBy = NotReservedNamespace.Validator.class)
@Target({ElementType.FIELD, ElementType.RECORD_COMPONENT, ElementType.PARAMETER, ElementType.TYPE_USE})
@Retention(RetentionPolicy.RUNTIME)
public @interface NotReservedNamespace {

    String message() default "is reserved: 'default' and names starting with kube-, openshift- or platform- belong to the cluster and the platform";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    final class Validator implements ConstraintValidator<NotReservedNamespace, String> {
        @Override
        public boolean isValid(String value, ConstraintValidatorContext context) {
            return !ReservedNames.isReserved(value);
        }
    }
}
