package io.aftercare.warranties;

import io.aftercare.customers.CustomerChanges;
import io.aftercare.core.ConflictException;
import io.aftercare.core.ValidationException;
import io.aftercare.customers.CustomerDao;
import io.aftercare.orders.OrderDao;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/** Records warranties and reads them with their status on today's date. Thread-safe. */
public final class WarrantyService {
    private final Jdbi jdbi;
    private final Clock clock;

    public WarrantyService(Jdbi jdbi, Clock clock) {
        this.jdbi = jdbi;
        this.clock = clock;
    }

    public Warranty.WarrantyView create(WarrantyInput input) {
        return jdbi.inTransaction(handle -> create(handle, input)).on(today());
    }

    /** Creates a warranty inside the caller's transaction (the importer batches many). */
    public Warranty create(Handle handle, WarrantyInput in) {
        long customerId = handle.attach(CustomerDao.class).resolve(in.customerId(), in.customerRef());
        String serial = text("serialNumber", in.serialNumber());
        String sku = text("sku", in.sku());
        if (handle.attach(OrderDao.class).product(sku).isEmpty()) {
            throw new ValidationException("unknown sku " + sku);
        }
        String plan = in.plan() == null ? "manufacturer" : text("plan", in.plan());
        LocalDate starts = date("startsOn", in.startsOn());
        LocalDate ends = date("endsOn", in.endsOn());
        if (ends.isBefore(starts)) {
            throw new ValidationException("endsOn " + ends + " is before startsOn " + starts);
        }
        WarrantyDao dao = handle.attach(WarrantyDao.class);
        if (dao.bySerialAndPlan(serial, plan).isPresent()) {
            throw new ConflictException("serial " + serial + " already has a " + plan + " warranty");
        }
        long id = dao.insert(new Warranty(0, customerId, serial, sku, plan, starts, ends));
        CustomerChanges.changed(handle, customerId, clock.instant());
        return dao.find(id).orElseThrow();
    }

    public List<Warranty.WarrantyView> bySerial(String serial) {
        LocalDate today = today();
        return jdbi.withHandle(h -> h.attach(WarrantyDao.class).bySerial(serial)).stream().map(w -> w.on(today)).toList();
    }

    public List<Warranty.WarrantyView> ofCustomer(long customerId) {
        LocalDate today = today();
        return jdbi.withHandle(h -> h.attach(WarrantyDao.class).ofCustomer(customerId)).stream()
                .map(w -> w.on(today)).toList();
    }

    private LocalDate today() {
        return LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
    }

    private static String text(String field, String value) {
        if (value == null || value.isBlank() || value.strip().length() > 64) {
            throw new ValidationException(field + " is required (at most 64 characters)");
        }
        return value.strip();
    }

    private static LocalDate date(String field, String value) {
        try {
            if (value == null) {
                throw new ValidationException(field + " is required (YYYY-MM-DD)");
            }
            return LocalDate.parse(value.strip());
        } catch (DateTimeException e) {
            throw new ValidationException(field + " must be a date YYYY-MM-DD, got '" + value + "'");
        }
    }
}
