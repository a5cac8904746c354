package io.aftercare.queues;

import io.aftercare.core.ConflictException;
import io.aftercare.core.NotFoundException;
import io.aftercare.core.ValidationException;
import java.util.ArrayList;
import java.util.List;
import org.jdbi.v3.core.Jdbi;

/**
 * Creates, changes, lists and deletes queues for the API and the command line alike, validated the same way,
 * each change checked against the PBXs ({@link PbxCheck}); a delete is refused while rules, IVR menus or agents
 * use the queue. Blocking JDBC: call on a worker. Thread-safe.
 */
public final class QueueService {
    private final Jdbi jdbi;
    private final PbxCheck pbx;
    private final Runnable changed;

    /** @param changed run after every change, to re-read what other features hold in memory (hours) */
    public QueueService(Jdbi jdbi, PbxCheck pbx, Runnable changed) {
        this.jdbi = jdbi;
        this.pbx = pbx;
        this.changed = changed;
    }

    public List<QueueDefinition> list() {
        return jdbi.withExtension(QueueDao.class, dao -> dao.all().stream().map(QueueDao.Row::definition).toList());
    }

    public QueueDefinition get(String name) {
        return jdbi.withExtension(QueueDao.class, dao -> dao.find(name)).map(QueueDao.Row::definition)
                .orElseThrow(() -> new NotFoundException("no queue " + name));
    }

    public QueueSaved create(QueueInput in) {
        if (in == null || in.name() == null || in.name().isBlank()) {
            throw new ValidationException("name is required: the app_queue name, such as 400 or support");
        }
        QueueDefinition queue = in.applyTo(QueueDefinition.DEFAULTS);
        jdbi.useTransaction(h -> {
            QueueDao dao = h.attach(QueueDao.class);
            if (dao.find(queue.name()).isPresent()) {
                throw new ConflictException("queue " + queue.name() + " already exists: change it with PATCH");
            }
            dao.insert(QueueDao.Row.of(queue));
        });
        changed.run();
        return new QueueSaved(queue, pbx.queue(queue.name(), queue.strategy()));
    }

    public QueueSaved update(String name, QueueInput in) {
        if (in == null) {
            throw new ValidationException("a JSON object with the fields to change is required");
        }
        if (in.name() != null && !in.name().equals(name)) {
            throw new ValidationException("a queue's name cannot change (rules, menus and call records use it):"
                    + " create queue " + in.name() + " instead");
        }
        QueueDefinition queue = jdbi.inTransaction(h -> {
            QueueDao dao = h.attach(QueueDao.class);
            QueueDefinition next = in.applyTo(dao.find(name).map(QueueDao.Row::definition)
                    .orElseThrow(() -> new NotFoundException("no queue " + name)));
            dao.update(QueueDao.Row.of(next));
            return next;
        });
        changed.run();
        return new QueueSaved(queue, pbx.queue(queue.name(), queue.strategy()));
    }

    /** Deletes the queue with its hours; 409 naming what still uses it. */
    public void delete(String name) {
        jdbi.useTransaction(h -> {
            QueueDao dao = h.attach(QueueDao.class);
            if (dao.find(name).isEmpty()) {
                throw new NotFoundException("no queue " + name);
            }
            List<String> users = new ArrayList<>();
            name(users, "routing rules", dao.rulesTo(name));
            name(users, "IVR options", dao.ivrOptionsTo(name));
            name(users, "IVR menus (default queue)", dao.ivrMenusFallingTo(name));
            name(users, "agents", dao.agentsIn(name));
            if (!users.isEmpty()) {
                throw new ConflictException("queue " + name + " is still used by " + String.join("; ", users)
                        + ": change or remove those first");
            }
            dao.delete(name);
        });
        changed.run();
    }

    private static void name(List<String> users, String what, List<String> names) {
        if (!names.isEmpty()) {
            users.add(what + " " + String.join(", ", names));
        }
    }
}
