package org.postwarden.mailets;

import javax.inject.Inject;
import javax.mail.MessagingException;

import org.apache.james.core.MailAddress;
import org.apache.james.user.api.UsersRepository;
import org.apache.james.user.api.UsersRepositoryException;
import org.apache.mailet.Mail;
import org.apache.mailet.StorageDirective;
import org.apache.mailet.base.GenericMailet;

/**
 * Makes LocalDelivery store the mail in another folder of each recipient's mailbox than INBOX (created when
 * missing), e.g. Spam for mail that DMARC says to quarantine. Place it before LocalDelivery:
 * <pre>{@code
 * <mailet match="org.postwarden.matchers.InboundDispositionIs=quarantine" class="org.postwarden.mailets.DeliverToFolder">
 *     <folder>Spam</folder>
 * </mailet>
 * }</pre>
 * {@code folder} defaults to Spam. Recipients must be local.
 */
public class DeliverToFolder extends GenericMailet {
    private final UsersRepository usersRepository;
    private StorageDirective directive;

    @Inject
    public DeliverToFolder(UsersRepository usersRepository) {
        this.usersRepository = usersRepository;
    }

    @Override
    public void init() throws MessagingException {
        String folder = getInitParameter("folder", "Spam").trim();
        if (folder.isEmpty()) {
            throw new MessagingException("DeliverToFolder: <folder> must not be empty");
        }
        directive = StorageDirective.builder().targetFolder(folder).build();
    }

    @Override
    public void service(Mail mail) throws MessagingException {
        for (MailAddress recipient : mail.getRecipients()) {
            try {
                directive.encodeAsAttributes(usersRepository.getUsername(recipient)).forEach(mail::setAttribute);
            } catch (UsersRepositoryException e) {
                throw new MessagingException("cannot tell the user of " + recipient, e);
            }
        }
    }

    @Override
    public String getMailetInfo() {
        return "DeliverToFolder";
    }
}
