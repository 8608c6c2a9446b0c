package org.postwarden.server.storage;

import javax.annotation.PreDestroy;
import javax.inject.Inject;
import javax.jms.ConnectionFactory;

import org.apache.activemq.ActiveMQConnectionFactory;
import org.apache.activemq.ActiveMQPrefetchPolicy;
import org.apache.activemq.broker.BrokerPlugin;
import org.apache.activemq.broker.BrokerService;
import org.apache.activemq.plugin.StatisticsBrokerPlugin;
import org.apache.activemq.store.PersistenceAdapter;
import org.apache.james.filesystem.api.FileSystem;
import org.apache.james.queue.activemq.FileSystemBlobTransferPolicy;

/**
 * The embedded ActiveMQ broker of the mail queue, reachable only from inside the JVM ({@code vm://james}).
 *
 * <p>It replaces James' {@code EmbeddedActiveMQ}, which configures the same broker but also gives it an
 * unauthenticated OpenWire connector on {@code tcp://localhost:0}: any local user could talk to the broker there
 * (CVE-2023-46604 and its like). Nothing of James uses that connector, so this broker has no transport connector and
 * opens no socket. Store locations, prefetch and statistics are James', so existing KahaDB queues carry over.
 */
public class InVmBroker {
    private static final String BROKER_NAME = "james";
    private static final String IN_VM_URL = "vm://" + BROKER_NAME + "?create=false";

    private final BrokerService broker;
    private final ActiveMQConnectionFactory connectionFactory;

    @Inject
    public InVmBroker(FileSystem fileSystem, PersistenceAdapter persistenceAdapter) throws Exception {
        persistenceAdapter.setDirectory(fileSystem.getFile("file://var/store/activemq/brokers/KahaDB"));
        broker = new BrokerService();
        broker.setBrokerName(BROKER_NAME);
        broker.setBrokerId("broker");
        broker.setPersistent(true);
        broker.setPersistenceAdapter(persistenceAdapter);
        broker.setDataDirectoryFile(fileSystem.getFile("file://var/store/activemq/brokers"));
        broker.setUseJmx(false);
        broker.setUseShutdownHook(false);
        broker.setSchedulerSupport(false);
        // Advisory messages (a topic message for every consumer created or closed) serve clients that watch other
        // clients; James creates and closes a consumer for every mail it takes from a queue, and watches none.
        broker.setAdvisorySupport(false);
        // Queue metrics (conf/activemq.properties) are read from the statistics plugin's replies.
        broker.setPlugins(new BrokerPlugin[] {new StatisticsBrokerPlugin()});
        broker.setEnableStatistics(true);
        broker.start();
        connectionFactory = inVmConnectionFactory(fileSystem);
    }

    public ConnectionFactory connectionFactory() {
        return connectionFactory;
    }

    @PreDestroy
    public void stop() throws Exception {
        broker.stop();
    }

    private static ActiveMQConnectionFactory inVmConnectionFactory(FileSystem fileSystem) {
        FileSystemBlobTransferPolicy blobs = new FileSystemBlobTransferPolicy();
        blobs.setDefaultUploadUrl("file://var/store/activemq/blob-transfer");
        blobs.setFileSystem(fileSystem);
        ActiveMQConnectionFactory factory = new ActiveMQConnectionFactory(IN_VM_URL);
        // Mails travel as serialized objects between James' own producers and consumers in this JVM.
        factory.setTrustAllPackages(true);
        factory.setWatchTopicAdvisories(false);
        factory.setBlobTransferPolicy(blobs);
        ActiveMQPrefetchPolicy noPrefetch = new ActiveMQPrefetchPolicy();
        noPrefetch.setQueuePrefetch(0);
        noPrefetch.setTopicPrefetch(0);
        factory.setPrefetchPolicy(noPrefetch);
        return factory;
    }
}
