package io.aftercare.controls;

import io.aftercare.auth.AuditTrail;
import io.aftercare.auth.AuthHandler;
import io.aftercare.web.Handlers;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * HTTP routes of call controls: {@code POST /api/calls/{linkedId}/hangup}, {@code hold}, {@code unhold}, {@code
 * dtmf}, {@code transfer}, {@code transfer/complete}, {@code transfer/cancel}, a supervisor's {@code spy}, and
 * click-to-call {@code POST
 * /api/calls}. Each runs on a db worker (it reads the database and waits for the PBX) and answers with what the PBX
 * said. Stateless.
 */
public final class CallControlRoutes {
    private CallControlRoutes() {}

    /** Every control's body: the PBX (default: the configured one) and, for supervisors, the agent acted for. */
    public record Target(String pbxId, String iface) {}

    public record DtmfRequest(String pbxId, String iface, String digits) {}

    public record SpyRequest(String pbxId, String iface, String mode, String phone) {}

    public record TransferRequest(String pbxId, String iface, String mode, String queue, String agent) {}

    public static void mount(Router router, Handlers handlers, CallControls controls, ClickToCall clickToCall,
                             String defaultPbx) {
        router.post("/api/calls/:linkedId/hangup").handler(handlers.json(ctx -> {
            Target t = body(ctx, Target.class);
            return controls.hangup(AuthHandler.principal(ctx), pbx(t.pbxId(), defaultPbx), linkedId(ctx), t.iface());
        }));
        for (boolean on : new boolean[] {true, false}) {
            router.post("/api/calls/:linkedId/" + (on ? "hold" : "unhold")).handler(handlers.json(ctx -> {
                Target t = body(ctx, Target.class);
                return controls.hold(AuthHandler.principal(ctx), pbx(t.pbxId(), defaultPbx), linkedId(ctx), t.iface(),
                        on);
            }));
        }
        router.post("/api/calls/:linkedId/dtmf").handler(handlers.json(ctx -> {
            DtmfRequest r = body(ctx, DtmfRequest.class);
            return controls.dtmf(AuthHandler.principal(ctx), pbx(r.pbxId(), defaultPbx), linkedId(ctx), r.iface(),
                    r.digits());
        }));
        router.post("/api/calls/:linkedId/transfer").handler(handlers.json(ctx -> {
            TransferRequest r = body(ctx, TransferRequest.class);
            return controls.transfer(AuthHandler.principal(ctx), pbx(r.pbxId(), defaultPbx), linkedId(ctx),
                    r.iface(), new CallControls.Transfer(r.mode(), r.queue(), r.agent()));
        }));
        router.post("/api/calls/:linkedId/transfer/complete").handler(handlers.json(ctx -> {
            Target t = body(ctx, Target.class);
            return controls.completeTransfer(AuthHandler.principal(ctx), pbx(t.pbxId(), defaultPbx), linkedId(ctx),
                    t.iface());
        }));
        router.post("/api/calls/:linkedId/transfer/cancel").handler(handlers.json(ctx -> {
            Target t = body(ctx, Target.class);
            return controls.cancelTransfer(AuthHandler.principal(ctx), pbx(t.pbxId(), defaultPbx), linkedId(ctx),
                    t.iface());
        }));
        router.post("/api/calls/:linkedId/spy").handler(handlers.created(ctx -> {
            SpyRequest r = body(ctx, SpyRequest.class);
            // a refused request is audited too, with what was asked (control characters blanked)
            AuditTrail.describe(ctx, "spy", ("call " + linkedId(ctx) + ", mode " + r.mode() + ", phone " + r.phone())
                    .replaceAll("\\p{Cntrl}", " "));
            CallControls.Spy spy = controls.spy(AuthHandler.principal(ctx), pbx(r.pbxId(), defaultPbx), linkedId(ctx),
                    r.iface(), r.mode(), r.phone());
            AuditTrail.describe(ctx, "spy", "mode " + spy.mode() + ", agent " + spy.agent() + " (" + spy.channel()
                    + "), call " + spy.linkedId() + ", phone " + spy.phone());
            return spy;
        }));
        router.post("/api/calls").handler(handlers.created(ctx -> {
            ClickToCall.Request r = body(ctx, ClickToCall.Request.class);
            return clickToCall.place(AuthHandler.principal(ctx), pbx(r.pbxId(), defaultPbx), r);
        }));
    }

    /** The JSON body, an object as every route's ({@code {}} when there is nothing to say). */
    private static <T> T body(RoutingContext ctx, Class<T> type) {
        return Handlers.body(ctx, type);
    }

    private static String linkedId(RoutingContext ctx) {
        return ctx.pathParam("linkedId");
    }

    private static String pbx(String asked, String defaultPbx) {
        return asked == null || asked.isBlank() ? defaultPbx : asked.strip();
    }
}
