package org.postwarden.server.storage;

import javax.inject.Inject;

import org.apache.james.metrics.api.GaugeRegistry;
import org.apache.james.metrics.api.MetricFactory;
import org.apache.james.queue.activemq.ActiveMQMailQueueFactory;
import org.apache.james.queue.activemq.metric.ActiveMQMetricCollector;
import org.apache.james.queue.api.MailQueueItemDecoratorFactory;

/** James' ActiveMQ mail queues on the {@link InVmBroker} rather than on James' {@code EmbeddedActiveMQ}. */
public class InVmMailQueueFactory extends ActiveMQMailQueueFactory {

    @Inject
    public InVmMailQueueFactory(InVmBroker broker, MailQueueItemDecoratorFactory decoratorFactory,
                                MetricFactory metricFactory, GaugeRegistry gaugeRegistry,
                                ActiveMQMetricCollector metricCollector) {
        super(broker.connectionFactory(), decoratorFactory, metricFactory, gaugeRegistry, metricCollector);
    }
}
