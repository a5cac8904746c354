package io.aftercare.ami;

import java.util.LinkedHashMap;
import java.util.Map;
import org.asteriskjava.manager.action.AtxferAction;
import org.asteriskjava.manager.action.HangupAction;
import org.asteriskjava.manager.action.ManagerAction;
import org.asteriskjava.manager.action.PJSIPNotifyAction;
import org.asteriskjava.manager.action.PlayDtmfAction;
import org.asteriskjava.manager.action.SetVarAction;

/**
 * Builds the AMI actions of {@link io.aftercare.telephony.CallCommands}; every value passes {@link
 * AmiValues#clean}, so nothing from outside becomes a second header. The texts each answers with are in {@code
 * src/test/resources/pbx-captures/call-controls.txt}. Stateless.
 */
final class CallActions {
    private CallActions() {}

    static ManagerAction hangup(String channel) {
        return new HangupAction(AmiValues.clean(channel));
    }

    static ManagerAction setVariable(String channel, String name, String value) {
        return new SetVarAction(AmiValues.clean(channel), AmiValues.clean(name), AmiValues.clean(value));
    }

    static ManagerAction blindTransfer(String channel, String context, String exten) {
        return new BlindTransferAction(AmiValues.clean(channel), AmiValues.clean(context), AmiValues.clean(exten));
    }

    /** Asterisk queues the features.conf {@code atxfer} code, then {@code digits}, as DTMF on the channel. */
    static ManagerAction attendedTransfer(String channel, String context, String digits) {
        AtxferAction a = new AtxferAction();
        a.setChannel(AmiValues.clean(channel));
        a.setContext(AmiValues.clean(context));
        a.setExten(AmiValues.clean(digits));
        return a;
    }

    static ManagerAction cancelAttendedTransfer(String channel) {
        return new CancelAtxferAction(AmiValues.clean(channel));
    }

    /** One digit; Asterisk takes only the first character of {@code Digit}, whatever it is. */
    static ManagerAction playDtmf(String channel, char digit) {
        return new PlayDtmfAction(AmiValues.clean(channel), AmiValues.clean(String.valueOf(digit)));
    }

    /** A NOTIFY in the channel's dialog; each header a {@code Variable: Name=value} line. */
    static ManagerAction notify(String channel, Map<String, String> headers) {
        PJSIPNotifyAction a = new PJSIPNotifyAction();
        a.setChannel(AmiValues.clean(channel));
        Map<String, String> variables = new LinkedHashMap<>();
        headers.forEach((k, v) -> variables.put(AmiValues.clean(k).replace("=", ""), AmiValues.clean(v)));
        a.setVariables(variables);
        return a;
    }
}
