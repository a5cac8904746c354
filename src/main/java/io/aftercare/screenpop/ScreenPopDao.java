package io.aftercare.screenpop;

import java.util.Optional;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.SqlQuery;

/**
 * Who may see a call's pop; attach to a handle. The reads of the pop itself are in {@link ScreenPopReads}.
 * Not thread-safe.
 */
public interface ScreenPopDao {
    @SqlQuery("SELECT count(*) FROM segments WHERE pbx_id = :pbx AND linkedid = :linkedId AND agent = :agent")
    long segmentsOfAgent(@Bind("pbx") String pbxId, @Bind("linkedId") String linkedId, @Bind("agent") String agent);

    @SqlQuery("SELECT interface FROM agents WHERE id = :id")
    Optional<String> agentInterface(@Bind("id") long agentId);
}
