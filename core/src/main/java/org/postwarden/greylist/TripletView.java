package org.postwarden.greylist;

/** A row of the triplet listing. */
public record TripletView(GreylistTriplet triplet, TripletRecord record) {
}
