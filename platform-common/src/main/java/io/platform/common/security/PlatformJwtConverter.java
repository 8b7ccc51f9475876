package io.platform.common.security;

import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.core.convert.converter.Converter;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;

/**
 * Turns a validated JWT into an authentication whose authorities are the platform roles (all of them for
 * {@code admin}), and whose details are the {@link Caller}, with teams from the teams claim and mapped IdP groups.
 */
public class PlatformJwtConverter implements Converter<Jwt, AbstractAuthenticationToken> {

    private final PlatformSecurityProperties properties;

    public PlatformJwtConverter(PlatformSecurityProperties properties) {
        this.properties = properties;
    }

    @Override
    public AbstractAuthenticationToken convert(Jwt jwt) {
        Caller caller = callerOf(jwt);
        Set<String> granted = caller.isAdmin() ? new LinkedHashSet<>(Roles.ALL) : caller.roles();
        List<GrantedAuthority> authorities = granted.stream().<GrantedAuthority>map(SimpleGrantedAuthority::new).toList();
        JwtAuthenticationToken token = new JwtAuthenticationToken(jwt, authorities, caller.subject());
        token.setDetails(caller);
        return token;
    }

    public Caller callerOf(Jwt jwt) {
        Set<String> roles = new LinkedHashSet<>(strings(claim(jwt.getClaims(), properties.rolesClaim())));
        Set<String> teams = new LinkedHashSet<>(strings(claim(jwt.getClaims(), properties.teamsClaim())));
        for (String group : strings(claim(jwt.getClaims(), properties.groupsClaim()))) {
            String team = properties.groupTeams().get(group);
            if (team != null) {
                teams.add(team);
            }
        }
        String subject = jwt.getSubject() == null ? "unknown" : jwt.getSubject();
        return new Caller(subject, roles, teams);
    }

    /** Follows a dotted path such as {@code realm_access.roles}. */
    static Object claim(Map<String, Object> claims, String path) {
        Object current = claims;
        for (String part : path.split("\\.")) {
            if (!(current instanceof Map<?, ?> map)) {
                return null;
            }
            current = map.get(part);
        }
        return current;
    }

    static List<String> strings(Object value) {
        if (value instanceof Collection<?> collection) {
            return collection.stream().filter(v -> v != null).map(Object::toString).toList();
        }
        if (value instanceof String text && !text.isBlank()) {
            return List.of(text.split("[ ,]+"));
        }
        return List.of();
    }
}
