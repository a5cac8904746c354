package io.aftercare.ivr;

import io.aftercare.core.ConflictException;
import io.aftercare.core.NotFoundException;
import io.aftercare.core.ValidationException;
import java.time.Clock;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Pattern;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * Lists, validates and changes IVR menus, and holds every menu in memory so a caller in the IVR never waits for
 * the menu tables; a change through this service is in force for the next call. Thread-safe.
 */
public final class IvrMenuService {
    private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9_-]{0,31}");
    /** Asterisk sound file names: no spaces, quotes, dots or anything the AGI line could misread. */
    private static final Pattern SOUND = Pattern.compile("[A-Za-z0-9_/-]{1,128}");
    private static final Pattern LANGUAGE = Pattern.compile("[a-z]{2,3}(_[A-Z]{2})?");
    /** Not '#': Asterisk's GET DATA takes it as the end of input and returns nothing, so a '#' option is dead. */
    private static final Pattern DIGIT = Pattern.compile("[0-9*]");
    /**
     * The longest a menu waits for a digit after its prompt. Asterisk answers GET DATA only after the prompt and
     * this wait, so {@code agi.read_timeout_ms} must exceed both (its default is 120 s; a test checks).
     */
    static final int MAX_TIMEOUT_MS = 30_000;
    private static final Set<String> KINDS = Set.of(IvrMenu.GREETING, IvrMenu.INVALID, "case_repair", "case_return",
            "case_technical", "case_complaint", "case_callback");

    private final Jdbi jdbi;
    private final Clock clock;
    private final AtomicReference<Map<String, IvrMenu>> current = new AtomicReference<>();

    public IvrMenuService(Jdbi jdbi, Clock clock) {
        this.jdbi = jdbi;
        this.clock = clock;
    }

    /** The menu in force for a call (from memory). */
    public Optional<IvrMenu> menu(String name) {
        Map<String, IvrMenu> menus = current.get();
        return Optional.ofNullable((menus != null ? menus : reload()).get(name));
    }

    /** Re-reads every menu (also for changes made to the tables by other means). */
    public Map<String, IvrMenu> reload() {
        Map<String, IvrMenu> menus = jdbi.withHandle(IvrMenuService::load);
        current.set(menus);
        return menus;
    }

    public List<IvrMenu> list() {
        return List.copyOf(jdbi.withHandle(IvrMenuService::load).values());
    }

    public IvrMenu get(String name) {
        return Optional.ofNullable(jdbi.withHandle(IvrMenuService::load).get(name))
                .orElseThrow(() -> new NotFoundException("no IVR menu " + name));
    }

    public IvrMenu create(IvrMenu in) {
        jdbi.useTransaction(h -> {
            IvrMenuDao dao = h.attach(IvrMenuDao.class);
            validate(h, in, in.name());
            if (load(h).containsKey(in.name())) {
                throw new ConflictException("IVR menu " + in.name() + " exists");
            }
            dao.insertMenu(in, clock.millis());
            writeChildren(dao, in);
        });
        reload();
        return get(in.name());
    }

    public IvrMenu update(String name, IvrMenu in) {
        IvrMenu menu = new IvrMenu(name, in.description(), in.defaultLanguage(), in.timeoutMs(), in.maxRetries(),
                in.defaultQueue(), in.prompts(), in.options());
        jdbi.useTransaction(h -> {
            IvrMenuDao dao = h.attach(IvrMenuDao.class);
            validate(h, menu, name);
            if (dao.updateMenu(menu, clock.millis()) == 0) {
                throw new NotFoundException("no IVR menu " + name);
            }
            dao.deletePrompts(name);
            dao.deleteOptions(name);
            writeChildren(dao, menu);
        });
        reload();
        return get(name);
    }

    public void delete(String name) {
        jdbi.useTransaction(h -> {
            IvrMenuDao dao = h.attach(IvrMenuDao.class);
            if (dao.rulesUsing(name) > 0) {
                throw new ConflictException("IVR menu " + name + " is used by a routing rule");
            }
            boolean usedAsSubmenu = load(h).values().stream().flatMap(m -> m.options().stream())
                    .anyMatch(o -> name.equals(o.submenu()));
            if (usedAsSubmenu) {
                throw new ConflictException("IVR menu " + name + " is a sub-menu of another menu");
            }
            if (dao.deleteMenu(name) == 0) {
                throw new NotFoundException("no IVR menu " + name);
            }
        });
        reload();
    }

    /** Stores what a caller did in the IVR. Blocking. */
    public void record(IvrSelection selection) {
        jdbi.useHandle(h -> h.attach(IvrMenuDao.class).insertSelection(selection));
    }

    /** The IVR selections of one channel, oldest first. */
    public List<IvrSelection> selections(String pbxId, String uniqueid) {
        return jdbi.withHandle(h -> h.attach(IvrMenuDao.class).selections(pbxId, uniqueid));
    }

    /** An open case with its owner's interface, for the personal offer. Blocking. */
    public Optional<IvrMenuDao.CaseRow> openCase(long caseId) {
        return jdbi.withHandle(h -> h.attach(IvrMenuDao.class).openCase(caseId));
    }

    private static void writeChildren(IvrMenuDao dao, IvrMenu menu) {
        menu.prompts().forEach(p -> dao.insertPrompt(menu.name(), p));
        menu.options().forEach(o -> dao.insertOption(menu.name(), o));
    }

    private static void validate(Handle h, IvrMenu m, String name) {
        IvrMenuDao dao = h.attach(IvrMenuDao.class);
        require(name != null && NAME.matcher(name).matches(), "name must be 1-32 of a-z, 0-9, '_' and '-'");
        require(LANGUAGE.matcher(m.defaultLanguage()).matches(), "defaultLanguage must look like en or pt_BR");
        require(m.timeoutMs() >= 1000 && m.timeoutMs() <= MAX_TIMEOUT_MS, "timeoutMs must be between 1000 and "
                + MAX_TIMEOUT_MS);
        require(m.maxRetries() >= 0 && m.maxRetries() <= 5, "maxRetries must be between 0 and 5");
        require(m.defaultQueue() != null && dao.queue(m.defaultQueue()).isPresent(),
                "defaultQueue must name an existing queue");
        Set<String> seen = new HashSet<>();
        for (IvrMenu.Prompt p : m.prompts()) {
            require(p != null && KINDS.contains(p.kind()), "prompt kind must be one of " + KINDS);
            require(p.language() != null && LANGUAGE.matcher(p.language()).matches(), "prompt language must look like en");
            require(p.sound() != null && SOUND.matcher(p.sound()).matches(),
                    "prompt sound must be an Asterisk file name of [A-Za-z0-9_/-]: " + p.sound());
            require(seen.add(p.kind() + "/" + p.language()), "two prompts for " + p.kind() + " in " + p.language());
        }
        require(m.prompt(IvrMenu.GREETING, m.defaultLanguage()).isPresent(),
                "a greeting prompt in the default language is required");
        Set<String> digits = new HashSet<>();
        Set<String> menus = load(h).keySet();
        for (IvrMenu.Option o : m.options()) {
            require(o != null && o.digit() != null && DIGIT.matcher(o.digit()).matches(),
                    "option digit must be one of 0-9 or * (# ends input in Asterisk's GET DATA, so it cannot be chosen)");
            require(digits.add(o.digit()), "digit " + o.digit() + " is used twice");
            require(o.queue() == null ^ o.submenu() == null, "option " + o.digit() + " needs a queue or a submenu");
            if (o.queue() != null) {
                require(dao.queue(o.queue()).isPresent(), "option " + o.digit() + ": no queue " + o.queue());
            } else {
                require(!o.submenu().equals(name) && menus.contains(o.submenu()),
                        "option " + o.digit() + ": submenu must be another existing menu");
            }
        }
    }

    private static void require(boolean ok, String message) {
        if (!ok) {
            throw new ValidationException(message);
        }
    }

    private static Map<String, IvrMenu> load(Handle h) {
        IvrMenuDao dao = h.attach(IvrMenuDao.class);
        List<IvrMenuDao.PromptRow> prompts = dao.prompts();
        List<IvrMenuDao.OptionRow> options = dao.options();
        Map<String, IvrMenu> menus = new LinkedHashMap<>();
        for (IvrMenuDao.MenuRow r : dao.menus()) {
            menus.put(r.name(), new IvrMenu(r.name(), r.description(), r.defaultLanguage(), r.timeoutMs(),
                    r.maxRetries(), r.defaultQueue(),
                    prompts.stream().filter(p -> p.menu().equals(r.name()))
                            .map(p -> new IvrMenu.Prompt(p.kind(), p.language(), p.sound())).toList(),
                    options.stream().filter(o -> o.menu().equals(r.name()))
                            .map(o -> new IvrMenu.Option(o.digit(), o.label(), o.queue(), o.submenu())).toList()));
        }
        return java.util.Collections.unmodifiableMap(menus);
    }
}
