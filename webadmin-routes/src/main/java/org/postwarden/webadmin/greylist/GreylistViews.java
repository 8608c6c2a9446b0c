package org.postwarden.webadmin.greylist;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

import org.postwarden.greylist.NetworkPasses;
import org.postwarden.greylist.TripletView;
import org.postwarden.greylist.WhitelistEntry;

/** The JSON shapes of the greylist routes: plain strings and numbers, times in ISO-8601. */
record TripletEntry(String network, String sender, String recipient, String state, String firstSeen, String lastSeen,
                    long passCount, String expiresAt) {
    static TripletEntry of(TripletView view) {
        return new TripletEntry(view.triplet().network(), view.triplet().sender(), view.triplet().recipient(),
            view.record().state().name().toLowerCase(Locale.ROOT), view.record().firstSeen().toString(),
            view.record().lastSeen().toString(), view.record().passCount(), view.record().expiresAt().toString());
    }
}

record NetworkEntry(String network, long passCount, String firstPass, String lastPass, String expiresAt) {
    static NetworkEntry of(NetworkPasses passes) {
        return new NetworkEntry(passes.network(), passes.passCount(), passes.firstPass().toString(),
            passes.lastPass().toString(), passes.expiresAt().toString());
    }
}

record WhitelistEntryView(String id, String kind, String value, String comment, String createdAt) {
    static final List<String> KINDS = Arrays.stream(WhitelistEntry.Kind.values()).map(WhitelistEntryView::kindName).toList();

    static WhitelistEntryView of(WhitelistEntry entry) {
        return new WhitelistEntryView(entry.id(), kindName(entry.kind()), entry.value(), entry.comment(), entry.createdAt().toString());
    }

    static String kindName(WhitelistEntry.Kind kind) {
        return kind.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
