package org.postwarden.dmarc.report;

class InMemoryAggregateReportStoreTest implements AggregateReportStoreContract {
    private final InMemoryAggregateReportStore store = new InMemoryAggregateReportStore();

    @Override
    public AggregateReportStore store() {
        return store;
    }
}
