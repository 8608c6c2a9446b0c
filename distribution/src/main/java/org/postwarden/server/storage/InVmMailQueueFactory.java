package org.postwarden.server.storage;

import javax.inject.Inject;

import org.apache.james.metrics.api.GaugeRegistry;
import org.apache.james.metrics.api.MetricFactory;
import org.apache.james.queue.activemq.ActiveMQMailQueueFactory;
import org.apache.james.queue.activemq.metric.ActiveMQMetricCollector;
import org.apache.james.queue.api.MailQueueItemDecoratorFactory;

/**
 * James' ActiveMQ mail queues on the {@link InVmBroker} rather than on James' {@code EmbeddedActiveMQ}.
 *
 * <p>The message travels inside the queue's own KahaDB journal record (a JMS ObjectMessage), not as a "blob" file
 * beside it: the journal is synced before the enqueue returns, whereas James writes blob files without syncing them,
 * and creating, reading and deleting one file per enqueue cost more CPU than the whole journal write. Mail queued as
 * blobs by an earlier version is still read. System property {@value #BLOB_MESSAGES}=true goes back to blobs.
 */
public class InVmMailQueueFactory extends ActiveMQMailQueueFactory {
    static final String BLOB_MESSAGES = "postwarden.queue.blobMessages";

    @Inject
    public InVmMailQueueFactory(InVmBroker broker, MailQueueItemDecoratorFactory decoratorFactory,
                                MetricFactory metricFactory, GaugeRegistry gaugeRegistry,
                                ActiveMQMetricCollector metricCollector) {
        super(broker.connectionFactory(), decoratorFactory, metricFactory, gaugeRegistry, metricCollector);
        setUseBlobMessages(Boolean.getBoolean(BLOB_MESSAGES));
    }
}
