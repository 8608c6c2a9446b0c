package org.postwarden.server.throttle;

import java.time.Clock;

import javax.inject.Singleton;
import javax.sql.DataSource;

import org.apache.james.imap.processor.AuthenticateProcessor;
import org.apache.james.imap.processor.LoginProcessor;
import org.apache.james.smtpserver.UsersRepositoryAuthHook;
import org.apache.james.webadmin.Routes;
import org.postwarden.server.authguard.GuardedAuthenticateProcessor;
import org.postwarden.server.authguard.GuardedLoginProcessor;
import org.postwarden.server.config.ConfigBindings;
import org.postwarden.smtp.authguard.GuardedAuthHook;
import org.postwarden.throttle.ThrottleConfig;
import org.postwarden.throttle.ThrottleStore;
import org.postwarden.throttle.auth.AuthFailureLog;
import org.postwarden.throttle.auth.AuthGuard;
import org.postwarden.throttle.auth.AuthGuardConfig;
import org.postwarden.throttle.auth.InMemoryAuthFailureLog;
import org.postwarden.throttle.jdbc.JdbcAuthFailureLog;
import org.postwarden.webadmin.throttle.AuthFailureRoutes;

import com.google.inject.AbstractModule;
import com.google.inject.Module;
import com.google.inject.Provider;
import com.google.inject.Provides;
import com.google.inject.multibindings.Multibinder;

/**
 * The password guessing defence, configured by conf/auth-guard.properties: the {@link AuthGuard} over the throttle
 * store of throttle.properties (so that nodes sharing it share the failure counters), the audit log next to the
 * throttle tables, and the webadmin routes. James instantiates its SMTP AUTH hook and IMAP login processors through
 * Guice, so binding ours in their place guards every SMTP and IMAP server without touching their configuration.
 */
public class AuthGuardModule extends AbstractModule {
    /** IMAPServerModule binds AuthenticateProcessor itself, so ours replaces it with {@code overrideWith}. */
    public static final Module OVERRIDES = binder ->
        binder.bind(AuthenticateProcessor.class).to(GuardedAuthenticateProcessor.class);

    @Override
    protected void configure() {
        ConfigBindings.file(binder(), AuthGuardConfig.class);
        bind(UsersRepositoryAuthHook.class).to(GuardedAuthHook.class);
        bind(LoginProcessor.class).to(GuardedLoginProcessor.class);
        Multibinder.newSetBinder(binder(), Routes.class).addBinding().to(AuthFailureRoutes.class);
    }

    @Provides
    @Singleton
    AuthFailureLog log(ThrottleConfig throttle, Provider<DataSource> dataSource) {
        return throttle.inMemory() ? new InMemoryAuthFailureLog() : new JdbcAuthFailureLog(dataSource.get());
    }

    @Provides
    @Singleton
    AuthGuard guard(AuthGuardConfig config, ThrottleStore store, AuthFailureLog log, Clock clock) {
        return new AuthGuard(config, store, log, clock);
    }
}
