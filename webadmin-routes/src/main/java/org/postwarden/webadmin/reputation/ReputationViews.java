package org.postwarden.webadmin.reputation;

import java.util.List;
import org.postwarden.reputation.AccountReputation;
import org.postwarden.reputation.ReputationCounts;
import org.postwarden.reputation.ReputationPolicy;

/** The JSON shapes of the reputation routes: counts per remote recipient, shares as fractions. */
record PolicyView(String window, long minMessages, double maxBadShare, boolean suspend) {
    static PolicyView of(ReputationPolicy policy) {
        return new PolicyView(policy.windowLabel(), policy.minMessages(), policy.maxBadShare(), policy.suspend());
    }
}

record CountsView(long sent, long refused, long bounced, long quarantined, long bad, double badShare) {
    static CountsView of(ReputationCounts counts) {
        return new CountsView(counts.sent(), counts.refused(), counts.bounced(), counts.quarantined(), counts.bad(),
            counts.badShare());
    }
}

record AccountView(String user, long sent, long bad, double badShare) {
    static AccountView of(AccountReputation account) {
        return new AccountView(account.account(), account.counts().sent(), account.counts().bad(),
            account.counts().badShare());
    }
}

record ServerView(PolicyView policy, CountsView counts, List<AccountView> worstAccounts) {
}

record UserView(String user, PolicyView policy, CountsView counts, boolean judged, boolean suspended,
                String suspensionReason) {
}
