/*
 * Copyright The Peeloff developers
 * SPDX-License-Identifier: Apache-2.0
 */
package org.peeloff.testcontainers;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.BuildImageResultCallback;
import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.ContainerNetwork;
import com.github.dockerjava.api.model.Network.Ipam;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Future;
import java.util.function.Predicate;

import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.BindMode;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.Network;
import org.testcontainers.containers.output.OutputFrame;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.images.builder.ImageFromDockerfile;
import org.testcontainers.images.builder.Transferable;
import org.testcontainers.utility.DockerImageName;
import org.testcontainers.utility.LazyFuture;
import org.peeloff.testcontainers.peer.SctpPeerMain;

/**
 * A scripted SCTP peer in a container of its own: its own network namespace, on one or several
 * Docker networks (multi-homed when several), running {@link SctpPeerMain} on the JDK's
 * {@code com.sun.nio.sctp} (a peer whose SCTP code is not Peeloff's). The test reads what the peer
 * did as {@link PeerEvent}s.
 *
 * <pre>{@code
 * try (Network a = SctpPeerContainer.network("198.18.1.0/24");
 *      Network b = SctpPeerContainer.network("198.18.2.0/24");
 *      SctpPeerContainer peer = SctpPeerContainer.client(new InetSocketAddress("198.18.1.1", 2905))
 *              .onNetworks(a, b)
 *              .steps("send:10", "echo")) {
 *     peer.start();                                  // after your server listens on 2905
 *     peer.awaitEvent("ASSOCIATED", Duration.ofSeconds(30));
 *     ...
 * }
 * }</pre>
 *
 * <p>Images. By default ({@link #hostImage()}) the container is an empty image with the host's
 * {@code /usr}, {@code /lib*}, {@code /bin}, {@code /sbin} and the test JVM's {@code java.home}
 * bind-mounted read-only: it runs the test's own JDK and needs no registry, but the Docker engine
 * must run on the machine of the test JVM (a local engine, not a remote one) and the host must have
 * {@code libsctp.so.1} (Debian: {@code libsctp1}). Where a registry is reachable,
 * {@link #jdkImage(String)} gives a stock JDK image with {@code libsctp1} added (e.g.
 * {@code eclipse-temurin:21-jre}); the system property {@code peeloff.peer.image} names such an
 * image for every peer. In any case the Docker host's kernel needs SCTP ({@code modprobe sctp}).
 *
 * <p>Script steps (see {@link SctpPeerMain}): {@code echo}, {@code echo:N}, {@code send:N},
 * {@code send:N:MILLIS}, {@code receive:N}, {@code sleep:MILLIS}, {@code shutdown}, {@code abort},
 * {@code await-end}, {@code exit}.
 */
public class SctpPeerContainer extends GenericContainer<SctpPeerContainer> {
    /** Where the peer's class file goes in the container. */
    private static final String PEER_DIR = "/peeloff-peer";
    /** The host-root image: an empty root, imported once per Docker engine. */
    private static final String HOST_IMAGE = "peeloff/sctp-peer-host-root:1";

    private final List<String> role;
    private final List<String> steps = new ArrayList<>();
    private final List<Network> networks = new ArrayList<>();
    private final List<PeerEvent> events = new ArrayList<>();
    private final StringBuilder partial = new StringBuilder();
    private final String java;

    /**
     * A peer that listens on {@code port} and serves the first association.
     *
     * @param port the SCTP port, in the container
     * @return the container, not started
     */
    public static SctpPeerContainer server(int port) {
        return new SctpPeerContainer(defaultImage(), List.of("server", String.valueOf(port)));
    }

    /**
     * A peer that connects to {@code target} (bound to every address of the container: multi-homed
     * when it is on several networks).
     *
     * @param target the server, as the container reaches it (e.g. a network's gateway address)
     * @return the container, not started
     */
    public static SctpPeerContainer client(InetSocketAddress target) {
        Objects.requireNonNull(target, "target");
        if (target.getAddress() == null) {
            throw new IllegalArgumentException("target must be resolved: " + target);
        }
        return new SctpPeerContainer(defaultImage(),
                List.of("client", target.getAddress().getHostAddress() + ":" + target.getPort()));
    }

    /**
     * A peer in the image {@code image}, which runs it with {@code java} from its {@code PATH}.
     *
     * @param image an image with a JDK 17+ (with {@code jdk.sctp}) and {@code libsctp.so.1}, or
     *              {@link #hostImage()}
     * @param role  {@code server PORT} or {@code client HOST:PORT}
     */
    protected SctpPeerContainer(PeerImage image, List<String> role) {
        super(image.image());
        this.role = List.copyOf(role);
        this.java = image.java();
        for (String[] bind : image.binds()) {
            withFileSystemBind(bind[0], bind[1], BindMode.READ_ONLY);
        }
        withCopyToContainer(Transferable.of(peerClass()),
                PEER_DIR + "/" + SctpPeerMain.class.getName().replace('.', '/') + ".class");
        withLogConsumer(this::output);
        waitingFor(Wait.forLogMessage(".*PEER (STARTED|ERROR).*\\n", 1));
        withStartupTimeout(Duration.ofMinutes(3));
    }

    /**
     * An image and how it starts Java.
     *
     * @param image the image
     * @param java  the {@code java} launcher's path in the container
     * @param binds read-only binds, host path and container path
     */
    public record PeerImage(Future<String> image, String java, List<String[]> binds) {
    }

    /** @return the default: {@code peeloff.peer.image} when set, else {@link #hostImage()} */
    private static PeerImage defaultImage() {
        String name = System.getProperty("peeloff.peer.image", "");
        return name.isBlank() ? hostImage() : stockImage(name);
    }

    /**
     * An image that already has a JDK 17+ (with {@code jdk.sctp}) and {@code libsctp.so.1}, run with
     * {@code java} from its {@code PATH}.
     *
     * @param image the image's name
     * @return the image
     */
    public static PeerImage stockImage(String image) {
        DockerImageName name = DockerImageName.parse(image);
        return new PeerImage(CompletableFuture.completedFuture(name.asCanonicalNameString()),
                "java", List.of());
    }

    /**
     * A stock JDK image (Debian or Ubuntu based, e.g. {@code eclipse-temurin:21-jre}) with Debian's
     * {@code libsctp1} added, built through Testcontainers (needs a registry and the distribution's
     * package mirror).
     *
     * @param jdkImage the JDK image
     * @return the image
     */
    public static PeerImage jdkImage(String jdkImage) {
        DockerImageName base = DockerImageName.parse(jdkImage);
        ImageFromDockerfile image = new ImageFromDockerfile("peeloff/sctp-peer-" + base.getRepository().replace('/', '-'), false)
                .withDockerfileFromBuilder(b -> b.from(base.asCanonicalNameString())
                        .run("apt-get update && apt-get install -y --no-install-recommends libsctp1 && rm -rf /var/lib/apt/lists/*")
                        .build());
        return new PeerImage(image, "java", List.of());
    }

    /**
     * The image that needs no registry: an empty root imported into the engine (once), with the
     * host's system directories and the test JVM's {@code java.home} bind-mounted read-only. The
     * Docker engine must see the test JVM's file system (a local engine).
     *
     * @return the image
     */
    public static PeerImage hostImage() {
        List<String[]> binds = new ArrayList<>();
        for (String dir : List.of("/usr", "/lib", "/lib64", "/lib32", "/libx32", "/bin", "/sbin")) {
            Path p = Path.of(dir);
            if (Files.exists(p)) {
                binds.add(new String[] {realPath(p), dir});
            }
        }
        Path cache = Path.of("/etc/ld.so.cache");
        if (Files.isRegularFile(cache)) {
            binds.add(new String[] {realPath(cache), cache.toString()});
        }
        Path home = Path.of(realPath(Path.of(System.getProperty("java.home"))));
        if (!home.startsWith("/usr")) {
            binds.add(new String[] {home.toString(), home.toString()});
        }
        // Distributions link parts of a JDK to /etc (Debian: lib/jvm.cfg and conf/ into
        // /etc/java-17-openjdk): those directories go in too, or the JVM cannot start.
        for (Path dir : linkedDirectories(home)) {
            binds.add(new String[] {dir.toString(), dir.toString()});
        }
        return new PeerImage(new HostRootImage(), home.resolve("bin/java").toString(), binds);
    }

    /**
     * The empty root of {@link #hostImage()}, built (once per engine) from a Dockerfile
     * {@code FROM scratch} with a label: no registry involved.
     */
    private static final class HostRootImage extends LazyFuture<String> {
        @Override
        protected String resolve() {
            DockerClient client = DockerClientFactory.instance().client();
            try {
                client.inspectImageCmd(HOST_IMAGE).exec();
            } catch (NotFoundException absent) {
                byte[] dockerfile = "FROM scratch\nLABEL org.peeloff.image=sctp-peer-host-root\n"
                        .getBytes(StandardCharsets.US_ASCII);
                client.buildImageCmd()
                        .withTarInputStream(new ByteArrayInputStream(tar("Dockerfile", dockerfile)))
                        .withTags(Set.of(HOST_IMAGE))
                        .withPull(false)
                        .exec(new BuildImageResultCallback())
                        .awaitImageId();
            }
            return HOST_IMAGE;
        }
    }

    /**
     * @param name    the one file's name
     * @param content its bytes
     * @return a POSIX ustar archive holding that one regular file (mode 0644, owner 0)
     */
    static byte[] tar(String name, byte[] content) {
        int body = (content.length + 511) / 512 * 512;
        byte[] out = new byte[Math.max(10240, (512 + body + 1024 + 10239) / 10240 * 10240)];
        byte[] n = name.getBytes(StandardCharsets.US_ASCII);
        if (n.length > 99) {
            throw new IllegalArgumentException("name too long for a ustar header: " + name);
        }
        System.arraycopy(n, 0, out, 0, n.length);
        octal(out, 100, 8, 0644);
        octal(out, 108, 8, 0);
        octal(out, 116, 8, 0);
        octal(out, 124, 12, content.length);
        octal(out, 136, 12, 0);
        out[156] = '0';
        System.arraycopy("ustar\0".getBytes(StandardCharsets.US_ASCII), 0, out, 257, 6);
        out[263] = '0';
        out[264] = '0';
        Arrays.fill(out, 148, 156, (byte) ' ');
        int sum = 0;
        for (int i = 0; i < 512; i++) {
            sum += out[i] & 0xff;
        }
        octal(out, 148, 7, sum);
        System.arraycopy(content, 0, out, 512, content.length);
        return out;
    }

    /** Writes {@code value} in octal, zero-padded, NUL-terminated, into {@code len} bytes at {@code at}. */
    private static void octal(byte[] out, int at, int len, long value) {
        String s = Long.toOctalString(value);
        if (s.length() > len - 1) {
            throw new IllegalArgumentException("value too large for the ustar field: " + value);
        }
        s = "0".repeat(len - 1 - s.length()) + s;
        System.arraycopy(s.getBytes(StandardCharsets.US_ASCII), 0, out, at, len - 1);
        out[at + len - 1] = 0;
    }

    /**
     * Puts the network's subnet in a Docker network (bridge driver) that the caller closes.
     *
     * @param subnet an IPv4 subnet, e.g. {@code 198.18.1.0/24} (the benchmarking range 198.18.0.0/15
     *               keeps test networks apart from real ones)
     * @return the network, created on first use
     */
    public static Network network(String subnet) {
        Objects.requireNonNull(subnet, "subnet");
        String gateway = firstHost(subnet);
        return Network.builder()
                .createNetworkCmdModifier(cmd -> cmd.withIpam(new Ipam().withConfig(
                        new Ipam.Config().withSubnet(subnet).withGateway(gateway))))
                .build();
    }

    /**
     * @param subnet an IPv4 subnet {@code a.b.c.d/len}, len 8 to 30
     * @return its first host address, which Docker gives the gateway (the Docker host's side)
     */
    static String firstHost(String subnet) {
        String[] parts = subnet.split("/");
        try {
            if (parts.length != 2) {
                throw new IllegalArgumentException("not address/length");
            }
            byte[] a = InetAddress.getByName(parts[0]).getAddress();
            int len = Integer.parseInt(parts[1]);
            if (a.length != 4 || len < 8 || len > 30 || !parts[0].matches("[0-9.]+")) {
                throw new IllegalArgumentException("an IPv4 subnet of length 8 to 30 is needed");
            }
            int base = ((a[0] & 0xff) << 24 | (a[1] & 0xff) << 16 | (a[2] & 0xff) << 8 | (a[3] & 0xff))
                    & (int) (0xffffffffL << (32 - len));
            int g = base + 1;
            return (g >>> 24) + "." + (g >>> 16 & 0xff) + "." + (g >>> 8 & 0xff) + "." + (g & 0xff);
        } catch (UnknownHostException | IllegalArgumentException e) {
            throw new IllegalArgumentException("bad subnet '" + subnet + "': " + e.getMessage(), e);
        }
    }

    /**
     * Puts the container on these networks: the first is the one it is created on, the others are
     * connected before it starts, so that the peer binds to an address on each (multi-homed).
     *
     * @param first  the first network
     * @param others more networks
     * @return this
     */
    public SctpPeerContainer onNetworks(Network first, Network... others) {
        networks.clear();
        networks.add(Objects.requireNonNull(first, "first"));
        for (Network n : others) {
            networks.add(Objects.requireNonNull(n, "network"));
        }
        return withNetwork(first);
    }

    /**
     * Appends script steps, run in order once the association is up.
     *
     * @param more steps, e.g. {@code "send:10"}, {@code "echo"}, {@code "abort"}
     * @return this
     */
    public SctpPeerContainer steps(String... more) {
        for (String s : more) {
            if (s == null || s.isBlank() || s.chars().anyMatch(Character::isWhitespace)) {
                throw new IllegalArgumentException("a step is one word, e.g. send:10; got '" + s + "'");
            }
            steps.add(s);
        }
        return this;
    }

    @Override
    protected void configure() {
        List<String> command = new ArrayList<>(List.of(java, "-XX:-UsePerfData", "-XX:TieredStopAtLevel=1",
                "-XX:+UseSerialGC", "-Xmx64m", "-cp", PEER_DIR, SctpPeerMain.class.getName()));
        command.addAll(role);
        command.addAll(steps);
        withCommand(command.toArray(String[]::new));
        super.configure();
    }

    @Override
    protected void containerIsCreated(String containerId) {
        super.containerIsCreated(containerId);
        DockerClient client = getDockerClient();
        for (int i = 1; i < networks.size(); i++) {
            client.connectToNetworkCmd().withContainerId(containerId).withNetworkId(networks.get(i).getId()).exec();
        }
    }

    /**
     * Cuts the container from one of its networks ({@code docker network disconnect}): its address
     * there disappears, the association's path through it fails.
     *
     * @param network one of the container's networks
     */
    public void disconnect(Network network) {
        getDockerClient().disconnectFromNetworkCmd().withContainerId(getContainerId())
                .withNetworkId(network.getId()).exec();
    }

    /**
     * @param network one of the container's networks
     * @return the container's IPv4 address on it
     * @throws IllegalStateException when the container is not on it
     */
    public InetAddress address(Network network) {
        InspectContainerResponse info = getDockerClient().inspectContainerCmd(getContainerId()).exec();
        for (ContainerNetwork n : info.getNetworkSettings().getNetworks().values()) {
            if (network.getId().equals(n.getNetworkID()) && n.getIpAddress() != null && !n.getIpAddress().isEmpty()) {
                try {
                    return InetAddress.getByName(n.getIpAddress());
                } catch (UnknownHostException e) {
                    throw new IllegalStateException("not an address: " + n.getIpAddress(), e);
                }
            }
        }
        throw new IllegalStateException("the container is not on network " + network.getId());
    }

    /**
     * @param network a Docker network
     * @return its gateway: the address of the Docker host (the test's side) on it
     */
    public static InetAddress gateway(Network network) {
        var cfg = DockerClientFactory.instance().client().inspectNetworkCmd().withNetworkId(network.getId()).exec()
                .getIpam().getConfig();
        for (var c : cfg) {
            String g = c.getGateway() != null && !c.getGateway().isEmpty() ? c.getGateway().replaceFirst("/.*", "")
                    : c.getSubnet() != null && c.getSubnet().matches("[0-9.]+/[0-9]+") ? firstHost(c.getSubnet()) : null;
            if (g != null) {
                try {
                    return InetAddress.getByName(g);
                } catch (UnknownHostException e) {
                    throw new IllegalStateException("not an address: " + g, e);
                }
            }
        }
        throw new IllegalStateException("network " + network.getId() + " has no gateway");
    }

    /** @return every event the peer reported so far, in order */
    public List<PeerEvent> events() {
        synchronized (events) {
            return List.copyOf(events);
        }
    }

    /**
     * Waits for the first event of a type (counting those already reported).
     *
     * @param type    e.g. {@code ASSOCIATED}
     * @param timeout how long to wait
     * @return the event
     * @throws IllegalStateException when none came in time, or the peer reported {@code ERROR} first
     */
    public PeerEvent awaitEvent(String type, Duration timeout) {
        return awaitEvent(e -> e.type().equals(type), type, timeout);
    }

    /**
     * Waits for the first event that matches (counting those already reported).
     *
     * @param match   what to wait for
     * @param what    its description, for the error
     * @param timeout how long to wait
     * @return the event
     * @throws IllegalStateException when none came in time, or the peer reported {@code ERROR} first
     */
    public PeerEvent awaitEvent(Predicate<PeerEvent> match, String what, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (events) {
            while (true) {
                for (PeerEvent e : events) {
                    if (match.test(e)) {
                        return e;
                    }
                    if (e.type().equals("ERROR")) {
                        throw new IllegalStateException("the peer failed before " + what + ": " + e.line()
                                + "\nall events: " + lines());
                    }
                }
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new IllegalStateException("no " + what + " from the peer within " + timeout
                            + "; its events: " + lines() + "\nits output: " + getLogs());
                }
                try {
                    events.wait(Math.max(1, left / 1_000_000));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("interrupted while waiting for " + what, e);
                }
            }
        }
    }

    private String lines() {
        StringBuilder b = new StringBuilder();
        for (PeerEvent e : events) {
            b.append("\n  ").append(e.line());
        }
        return b.toString();
    }

    private void output(OutputFrame frame) {
        if (frame.getType() != OutputFrame.OutputType.STDOUT || frame.getBytes() == null) {
            return;
        }
        synchronized (events) {
            partial.append(new String(frame.getBytes(), StandardCharsets.UTF_8));
            int nl;
            while ((nl = partial.indexOf("\n")) >= 0) {
                PeerEvent.parse(partial.substring(0, nl)).ifPresent(events::add);
                partial.delete(0, nl + 1);
            }
            events.notifyAll();
        }
    }

    private static byte[] peerClass() {
        try (InputStream in = SctpPeerMain.class.getResourceAsStream(SctpPeerMain.class.getSimpleName() + ".class")) {
            if (in == null) {
                throw new IllegalStateException("the peer's class file is not in the jar");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * @param home a JDK's home
     * @return the top directories (e.g. {@code /etc/java-17-openjdk}) that symbolic links inside it
     *         point to, outside {@code /usr} and the home itself
     */
    static Set<Path> linkedDirectories(Path home) {
        Set<Path> dirs = new java.util.TreeSet<>();
        try (java.util.stream.Stream<Path> all = Files.walk(home)) {
            all.filter(Files::isSymbolicLink).forEach(link -> {
                try {
                    Path target = link.getParent().resolve(Files.readSymbolicLink(link)).normalize();
                    if (target.getNameCount() >= 2 && !target.startsWith("/usr") && !target.startsWith(home)) {
                        Path top = target.getRoot().resolve(target.subpath(0, 2));
                        if (Files.isDirectory(top)) {
                            dirs.add(top);
                        }
                    }
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return dirs;
    }

    private static String realPath(Path p) {
        try {
            return p.toRealPath().toString();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
