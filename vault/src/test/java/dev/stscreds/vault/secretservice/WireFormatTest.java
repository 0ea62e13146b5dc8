package dev.stscreds.vault.secretservice;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class WireFormatTest {
    private static byte[] bytes(int... values) {
        byte[] b = new byte[values.length];
        for (int i = 0; i < values.length; i++) b[i] = (byte) values[i];
        return b;
    }

    private static List<Object> read(String signature, byte[] data) throws BusProtocolException {
        return new WireReader(data, 0, ByteOrder.LITTLE_ENDIAN).read(signature);
    }

    @Test
    void stringsAreLengthPrefixedAndNulTerminated() {
        assertThat(new WireWriter().write("s", List.of("ab")).toByteArray()).isEqualTo(bytes(2, 0, 0, 0, 'a', 'b', 0));
    }

    @Test
    void valuesAreAlignedToTheirSize() {
        // y at 0, pad to 4, u at 4, pad to 8, t at 8
        assertThat(new WireWriter().write("yut", List.of((byte) 7, 1, 2L)).toByteArray())
                .isEqualTo(bytes(7, 0, 0, 0, 1, 0, 0, 0, 2, 0, 0, 0, 0, 0, 0, 0));
    }

    @Test
    void anArrayLengthLeavesOutThePaddingBeforeItsFirstElement() {
        // length at 0..3, pad to 8, one dict entry {s: "k", s: "v"}
        Map<String, String> one = Map.of("k", "v");
        assertThat(new WireWriter().write("a{ss}", List.of(one)).toByteArray()).isEqualTo(bytes(
                14, 0, 0, 0, 0, 0, 0, 0,
                1, 0, 0, 0, 'k', 0, 0, 0, 1, 0, 0, 0, 'v', 0));
    }

    @Test
    void variantsCarryTheirSignature() {
        assertThat(new WireWriter().write("v", List.of(new Variant("s", ""))).toByteArray())
                .isEqualTo(bytes(1, 's', 0, 0, 0, 0, 0, 0, 0));
    }

    @Test
    void whatIsWrittenReadsBackTheSame() throws Exception {
        Map<String, Variant> properties = new LinkedHashMap<>();
        properties.put("org.freedesktop.Secret.Item.Label", new Variant("s", "label"));
        properties.put("org.freedesktop.Secret.Item.Attributes", new Variant("a{ss}", Map.of("profile", "dev")));
        List<Object> secret = List.of("/org/freedesktop/secrets/session/1", new byte[0], new byte[] {1, 2, 3},
                "application/json");
        byte[] data = new WireWriter().write("a{sv}(oayays)bao", List.of(properties, secret, true,
                List.of("/a", "/b"))).toByteArray();

        List<Object> back = read("a{sv}(oayays)bao", data);
        assertThat(back.get(0)).isEqualTo(properties);
        List<?> struct = (List<?>) back.get(1);
        assertThat(struct.get(0)).isEqualTo("/org/freedesktop/secrets/session/1");
        assertThat((byte[]) struct.get(2)).containsExactly(1, 2, 3);
        assertThat(struct.get(3)).isEqualTo("application/json");
        assertThat(back.get(2)).isEqualTo(true);
        assertThat(back.get(3)).isEqualTo(List.of("/a", "/b"));
    }

    @Test
    void aMessageRoundTripsThroughItsBytes() throws Exception {
        Message call = Message.methodCall(7, "org.freedesktop.secrets", "/org/freedesktop/secrets",
                "org.freedesktop.Secret.Service", "SearchItems", "a{ss}", List.of(Map.of("application", "stscreds")));
        byte[] encoded = call.encode();
        assertThat(Message.totalLength(encoded)).isEqualTo(encoded.length);
        Message back = Message.decode(encoded);
        assertThat(back.type()).isEqualTo(Message.METHOD_CALL);
        assertThat(back.serial()).isEqualTo(7);
        assertThat(back.path()).isEqualTo("/org/freedesktop/secrets");
        assertThat(back.iface()).isEqualTo("org.freedesktop.Secret.Service");
        assertThat(back.member()).isEqualTo("SearchItems");
        assertThat(back.signature()).isEqualTo("a{ss}");
        assertThat(back.body()).isEqualTo(List.of(Map.of("application", "stscreds")));
    }

    @Test
    void malformedDataIsRefusedNotTrusted() {
        assertThatThrownBy(() -> read("s", bytes(9, 0, 0, 0, 'a', 0))).isInstanceOf(BusProtocolException.class);
        assertThatThrownBy(() -> read("s", bytes(1, 0, 0, 0, 'a', 'b'))).isInstanceOf(BusProtocolException.class);
        assertThatThrownBy(() -> read("b", bytes(2, 0, 0, 0))).isInstanceOf(BusProtocolException.class);
        assertThatThrownBy(() -> read("ay", bytes(0xff, 0xff, 0xff, 0x7f, 1))).isInstanceOf(BusProtocolException.class);
        assertThatThrownBy(() -> read("au", bytes(2, 0, 0, 0, 1, 0, 0, 0))).isInstanceOf(BusProtocolException.class);
        assertThatThrownBy(() -> read("v", bytes(2, 's', 's', 0))).isInstanceOf(BusProtocolException.class);
        assertThatThrownBy(() -> read("u", bytes(1, 2))).isInstanceOf(BusProtocolException.class);
    }

    @Test
    void busAddressesGiveTheirUnixPath() {
        assertThat(BusAddress.unixPath("unix:path=/run/user/1000/bus,guid=0123")).contains(Path.of("/run/user/1000/bus"));
        assertThat(BusAddress.unixPath("unix:abstract=/tmp/dbus-x;unix:path=/tmp/a%20b")).contains(Path.of("/tmp/a b"));
        assertThat(BusAddress.unixPath("unix:abstract=/tmp/dbus-x,guid=1")).isEmpty();
        assertThat(BusAddress.unixPath("tcp:host=localhost,port=1234")).isEmpty();
    }
}
