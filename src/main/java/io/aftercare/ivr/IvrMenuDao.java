package io.aftercare.ivr;

import java.util.List;
import java.util.Optional;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.customizer.BindMethods;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/** IVR menus, prompts, options and recorded selections in SQL; attach to a handle. Not thread-safe. */
public interface IvrMenuDao {
    /** The ivr_menus row. */
    record MenuRow(String name, String description, String defaultLanguage, int timeoutMs, int maxRetries,
                   String defaultQueue) {}

    /** An ivr_prompts row. */
    record PromptRow(String menu, String kind, String language, String sound) {}

    /** An ivr_options row. */
    record OptionRow(String menu, String digit, String label, String queue, String submenu) {}

    /** An open case as the personal offer needs it. */
    record CaseRow(long id, String type, String ownerInterface) {}

    @SqlQuery("SELECT name, description, default_language, timeout_ms, max_retries, default_queue FROM ivr_menus"
            + " ORDER BY name")
    @RegisterConstructorMapper(MenuRow.class)
    List<MenuRow> menus();

    @SqlQuery("SELECT menu, kind, language, sound FROM ivr_prompts ORDER BY menu, kind, language")
    @RegisterConstructorMapper(PromptRow.class)
    List<PromptRow> prompts();

    @SqlQuery("SELECT menu, digit, label, queue, submenu FROM ivr_options ORDER BY menu, digit")
    @RegisterConstructorMapper(OptionRow.class)
    List<OptionRow> options();

    @SqlQuery("SELECT name FROM queues WHERE name = :name")
    Optional<String> queue(@Bind("name") String name);

    @SqlQuery("SELECT count(*) FROM routing_rules WHERE ivr_menu = :menu")
    int rulesUsing(@Bind("menu") String menu);

    @SqlUpdate("INSERT INTO ivr_menus (name, description, default_language, timeout_ms, max_retries, default_queue,"
            + " updated_at) VALUES (:name, :description, :defaultLanguage, :timeoutMs, :maxRetries, :defaultQueue, :now)")
    void insertMenu(@BindMethods IvrMenu menu, @Bind("now") long now);

    @SqlUpdate("UPDATE ivr_menus SET description = :description, default_language = :defaultLanguage,"
            + " timeout_ms = :timeoutMs, max_retries = :maxRetries, default_queue = :defaultQueue, updated_at = :now"
            + " WHERE name = :name")
    int updateMenu(@BindMethods IvrMenu menu, @Bind("now") long now);

    @SqlUpdate("INSERT INTO ivr_prompts (menu, kind, language, sound) VALUES (:menu, :kind, :language, :sound)")
    void insertPrompt(@Bind("menu") String menu, @BindMethods IvrMenu.Prompt prompt);

    @SqlUpdate("INSERT INTO ivr_options (menu, digit, label, queue, submenu)"
            + " VALUES (:menu, :digit, :label, :queue, :submenu)")
    void insertOption(@Bind("menu") String menu, @BindMethods IvrMenu.Option option);

    @SqlUpdate("DELETE FROM ivr_prompts WHERE menu = :menu")
    void deletePrompts(@Bind("menu") String menu);

    @SqlUpdate("DELETE FROM ivr_options WHERE menu = :menu")
    void deleteOptions(@Bind("menu") String menu);

    @SqlUpdate("DELETE FROM ivr_menus WHERE name = :menu")
    int deleteMenu(@Bind("menu") String menu);

    @SqlQuery("SELECT c.id, c.type, a.interface AS owner_interface FROM cases c"
            + " LEFT JOIN agents a ON a.id = c.owner_agent_id WHERE c.id = :id"
            + " AND c.status IN ('open', 'in_progress', 'waiting_customer')")
    @RegisterConstructorMapper(CaseRow.class)
    Optional<CaseRow> openCase(@Bind("id") long id);

    @SqlUpdate("INSERT INTO ivr_selections (uniqueid, linkedid, pbx_id, menu, digits, outcome, queue, case_id,"
            + " created_at) VALUES (:uniqueid, :linkedid, :pbxId, :menu, :digits, :outcome, :queue, :caseId, :createdAt)")
    void insertSelection(@BindMethods IvrSelection selection);

    @SqlQuery("SELECT uniqueid, linkedid, pbx_id, menu, digits, outcome, queue, case_id, created_at"
            + " FROM ivr_selections WHERE pbx_id = :pbxId AND uniqueid = :uniqueid ORDER BY id")
    @RegisterConstructorMapper(IvrSelection.class)
    List<IvrSelection> selections(@Bind("pbxId") String pbxId, @Bind("uniqueid") String uniqueid);
}
