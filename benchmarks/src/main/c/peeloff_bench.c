/*
 * Copyright The Peeloff developers
 * SPDX-License-Identifier: Apache-2.0
 */
/*
 * peeloff_bench: the C side of the Peeloff benchmarks, against lksctp (libsctp-dev).
 *
 * The Java driver (org.peeloff.bench.Driver) runs this program for the "C" figures, in the same
 * boot of the same kernel as the Java figures.  Every mode prints its results as lines
 * "RESULT <measure> key=value ..." on stdout; anything else is commentary.
 *
 *   peeloff_bench peel  ASSOCS ROUNDS WARMUP_ROUNDS
 *       Per round: a one-to-many server on 127.0.0.1, ASSOCS one-to-many client sockets each
 *       connecting once (ids learnt from SCTP_COMM_UP), then sctp_peeloff() of every association,
 *       timed with clock_gettime(CLOCK_MONOTONIC) around the peel-off loop only.
 *   peeloff_bench tput  SIZE WARMUP_MS WINDOW_MS
 *       One association from a one-to-one client to a one-to-many server, peeled off; SCTP_NODELAY
 *       on both ends; a sender thread (sctp_sendmsg) and a receiver thread (sctp_recvmsg on the
 *       peeled socket); messages and bytes received during the window.
 *   peeloff_bench shared-server ASSOCS BUSY WARMUP_MS WINDOW_MS
 *       A one-to-many server; prints "READY port=P", waits for ASSOCS associations (from `load`),
 *       measures receive throughput for a window, then its receiving thread peels off the BUSY
 *       busiest associations, one thread each, and measures again.
 *   peeloff_bench load  PORT ASSOCS BUSY BUSY_SIZE SPORADIC_SIZE SPORADIC_INTERVAL_MS PATH_MTU MAX_SECONDS
 *       The load generator of the shared-socket scenario (used against all three servers): ASSOCS
 *       one-to-one client sockets; BUSY of them send BUSY_SIZE-byte messages as fast as they can
 *       (one thread each), the others send one SPORADIC_SIZE-byte message every interval.  Path MTU
 *       discovery is off and the path MTU is PATH_MTU (0: leave it), so that packets are sized as
 *       across Ethernet rather than loopback's 64 KiB (see README: with 64 KiB packets the shared
 *       socket's throughput fell to near zero in most runs, the associations sitting out
 *       retransmission timeouts).
 *   peeloff_bench loop-server ASSOCS WARMUP_MS WINDOW_MS
 *       The event-loop measure: a one-to-many server; prints "READY port=P", peels off each of the
 *       ASSOCS associations (from `load`) as its SCTP_COMM_UP arrives, non-blocking, and registers
 *       it with one epoll instance (level-triggered, EPOLLIN); one thread then serves them all:
 *       epoll_wait, and sctp_recvmsg on each ready socket until EAGAIN.  Messages received during
 *       the window.
 */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <netinet/sctp.h>
#include <pthread.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

static void die(const char *what)
{
    fprintf(stderr, "peeloff_bench: %s: %s\n", what, strerror(errno));
    exit(1);
}

static int64_t now_ns(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (int64_t)ts.tv_sec * 1000000000LL + ts.tv_nsec;
}

static void sleep_ms(long ms)
{
    struct timespec ts = { ms / 1000, (ms % 1000) * 1000000L };
    while (nanosleep(&ts, &ts) != 0 && errno == EINTR) {
    }
}

static long arg_long(const char *s, const char *name)
{
    char *end;
    errno = 0;
    long v = strtol(s, &end, 10);
    if (errno != 0 || *end != '\0' || v < 0) {
        fprintf(stderr, "peeloff_bench: bad %s: %s\n", name, s);
        exit(2);
    }
    return v;
}

static struct sockaddr_in loopback(int port)
{
    struct sockaddr_in a;
    memset(&a, 0, sizeof a);
    a.sin_family = AF_INET;
    a.sin_port = htons((uint16_t)port);
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    return a;
}

static void set_nodelay(int fd)
{
    int on = 1;
    if (setsockopt(fd, IPPROTO_SCTP, SCTP_NODELAY, &on, sizeof on) != 0) {
        die("setsockopt(SCTP_NODELAY)");
    }
}

/* The same subscriptions as Peeloff's sockets: association changes, shutdown, and per-message
 * receive information (here the sctp_sndrcvinfo that sctp_recvmsg() returns). */
static void subscribe(int fd)
{
    struct sctp_event_subscribe ev;
    memset(&ev, 0, sizeof ev);
    ev.sctp_data_io_event = 1;
    ev.sctp_association_event = 1;
    ev.sctp_shutdown_event = 1;
    if (setsockopt(fd, IPPROTO_SCTP, SCTP_EVENTS, &ev, sizeof ev) != 0) {
        die("setsockopt(SCTP_EVENTS)");
    }
}

/* A one-to-many server on 127.0.0.1, ephemeral port. */
static int open_server(int *port)
{
    int fd = socket(AF_INET, SOCK_SEQPACKET, IPPROTO_SCTP);
    if (fd < 0) {
        die("socket(SOCK_SEQPACKET, IPPROTO_SCTP)");
    }
    struct sockaddr_in a = loopback(0);
    if (bind(fd, (struct sockaddr *)&a, sizeof a) != 0) {
        die("bind");
    }
    socklen_t len = sizeof a;
    if (getsockname(fd, (struct sockaddr *)&a, &len) != 0) {
        die("getsockname");
    }
    *port = ntohs(a.sin_port);
    subscribe(fd);
    if (listen(fd, 128) != 0) {
        die("listen");
    }
    return fd;
}

/* Receives on a one-to-many socket until a SCTP_COMM_UP notification; returns its association id.
 * Data met on the way is dropped (there is none during set-up). */
static sctp_assoc_t await_comm_up(int fd)
{
    static char buf[65536];
    for (;;) {
        struct sctp_sndrcvinfo info;
        int flags = 0;
        int n = sctp_recvmsg(fd, buf, sizeof buf, NULL, NULL, &info, &flags);
        if (n < 0) {
            if (errno == EINTR) {
                continue;
            }
            die("sctp_recvmsg (waiting for SCTP_COMM_UP)");
        }
        if (flags & MSG_NOTIFICATION) {
            union sctp_notification *sn = (union sctp_notification *)buf;
            if (sn->sn_header.sn_type == SCTP_ASSOC_CHANGE && sn->sn_assoc_change.sac_state == SCTP_COMM_UP) {
                return sn->sn_assoc_change.sac_assoc_id;
            }
        }
    }
}

/* What one receiving thread has counted so far (written by that thread only), padded to a cache line. */
struct counter {
    volatile uint64_t msgs;
    volatile uint64_t bytes;
    char pad[48];
};

static volatile int stopping; /* shared-server: the measuring is over */

/* Receives on fd until end-of-file, an error or `stopping`, counting data into c (notifications are
 * not counted). */
static void receive_counting(int fd, struct counter *c)
{
    static __thread char buf[65536];
    uint64_t msgs = 0, bytes = 0;
    while (!stopping) {
        struct sctp_sndrcvinfo info;
        int flags = 0;
        int n = sctp_recvmsg(fd, buf, sizeof buf, NULL, NULL, &info, &flags);
        if (n <= 0) {
            if (n < 0 && errno == EINTR) {
                continue;
            }
            break;
        }
        if (flags & MSG_NOTIFICATION) {
            continue;
        }
        if (flags & MSG_EOR) {
            msgs++;
        }
        bytes += (uint64_t)n;
        c->msgs = msgs;
        c->bytes = bytes;
    }
}

/* Messages and bytes the n counters gained over a window of window_ms, after warmup_ms. */
struct rate {
    uint64_t msgs;
    double secs, msgs_per_s, mb_per_s;
};

static void sum_counters(const struct counter *c, int n, uint64_t *msgs, uint64_t *bytes)
{
    *msgs = 0;
    *bytes = 0;
    for (int i = 0; i < n; i++) {
        *msgs += c[i].msgs;
        *bytes += c[i].bytes;
    }
}

static struct rate window(const struct counter *c, int n, long warmup_ms, long window_ms)
{
    uint64_t m0, b0, m1, b1;
    sleep_ms(warmup_ms);
    sum_counters(c, n, &m0, &b0);
    int64_t t0 = now_ns();
    sleep_ms(window_ms);
    sum_counters(c, n, &m1, &b1);
    int64_t t1 = now_ns();
    struct rate r;
    r.msgs = m1 - m0;
    r.secs = (double)(t1 - t0) / 1e9;
    r.msgs_per_s = (double)r.msgs / r.secs;
    r.mb_per_s = (double)(b1 - b0) / r.secs / 1e6;
    return r;
}

/* ------------------------------------------------------------------ peel */

#define BLOCK 100 /* peel-offs per timed block */

static int cmp_i64(const void *a, const void *b)
{
    int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;
    return x < y ? -1 : x > y;
}

/* Set-up in bulk (never timed): client sockets connect from a few threads while the main thread
 * receives the server's SCTP_COMM_UP events, as the Java side does (Connector.java). */
struct connector {
    int *clients;
    long n;
    int port;
    long next; /* taken with __atomic_fetch_add */
};

static void *connector_thread(void *p)
{
    struct connector *c = p;
    struct sockaddr_in to = loopback(c->port);
    for (;;) {
        long i = __atomic_fetch_add(&c->next, 1, __ATOMIC_RELAXED);
        if (i >= c->n) {
            return NULL;
        }
        c->clients[i] = socket(AF_INET, SOCK_SEQPACKET, IPPROTO_SCTP);
        if (c->clients[i] < 0) {
            die("socket (client)");
        }
        if (connect(c->clients[i], (struct sockaddr *)&to, sizeof to) != 0) {
            die("connect");
        }
    }
}

static int connect_threads(void)
{
    /* 8 by default: a blocking connect() waits for the handshake, so more threads than CPUs pay off */
    const char *e = getenv("PEELOFF_BENCH_CONNECT_THREADS");
    int n = e != NULL ? atoi(e) : 8;
    return n < 1 ? 1 : n > 16 ? 16 : n;
}

/* A struct timeval in ns (getrusage's user and system times of the peel-off loop). */
static int64_t tv_ns(const struct timeval *tv)
{
    return (int64_t)tv->tv_sec * 1000000000 + (int64_t)tv->tv_usec * 1000;
}

static int mode_peel(int argc, char **argv)
{
    if (argc != 5) {
        fprintf(stderr, "usage: peeloff_bench peel ASSOCS ROUNDS WARMUP_ROUNDS\n");
        return 2;
    }
    long n = arg_long(argv[2], "ASSOCS");
    long rounds = arg_long(argv[3], "ROUNDS");
    long warmup = arg_long(argv[4], "WARMUP_ROUNDS");
    int verbose = getenv("PEELOFF_BENCH_VERBOSE") != NULL;
    int *clients = calloc((size_t)n, sizeof(int));
    int *peeled = calloc((size_t)n, sizeof(int));
    sctp_assoc_t *ids = calloc((size_t)n, sizeof(sctp_assoc_t));
    int64_t *blocks = calloc((size_t)(n / BLOCK + 1), sizeof(int64_t));
    if (clients == NULL || peeled == NULL || ids == NULL || blocks == NULL) {
        die("calloc");
    }
    for (long r = 0; r < warmup + rounds; r++) {
        int port;
        int64_t s0 = now_ns();
        int server = open_server(&port);
        struct connector con = { clients, n, port, 0 };
        pthread_t threads[16];
        int nthreads = connect_threads();
        for (int t = 0; t < nthreads; t++) {
            pthread_create(&threads[t], NULL, connector_thread, &con);
        }
        for (long i = 0; i < n; i++) {
            ids[i] = await_comm_up(server);
            if (verbose && (i + 1) % 2000 == 0) {
                fprintf(stderr, "peeloff_bench: %ld associations up, %.1f ms\n", i + 1, (double)(now_ns() - s0) / 1e6);
            }
        }
        for (int t = 0; t < nthreads; t++) {
            pthread_join(threads[t], NULL);
        }
        if (verbose) {
            FILE *m = fopen("/proc/meminfo", "r");
            char line[256];
            while (m != NULL && fgets(line, sizeof line, m) != NULL) {
                if (strncmp(line, "MemAvailable:", 13) == 0 || strncmp(line, "Slab:", 5) == 0) {
                    fprintf(stderr, "peeloff_bench: %s", line);
                }
            }
            if (m != NULL) {
                fclose(m);
            }
        }
        /* Timed per block of BLOCK calls too: the median block is robust to the host's scheduling
         * spikes (the report's scale figures use it; the mean is reported as well). */
        long nblocks = 0;
        struct rusage u0, u1;
        getrusage(RUSAGE_THREAD, &u0);
        int64_t t0 = now_ns();
        int64_t tb = t0;
        for (long i = 0; i < n; i++) {
            peeled[i] = sctp_peeloff(server, ids[i]);
            if (peeled[i] < 0) {
                die("sctp_peeloff");
            }
            if ((i + 1) % BLOCK == 0) {
                int64_t now = now_ns();
                blocks[nblocks++] = now - tb;
                tb = now;
            }
        }
        int64_t t1 = now_ns();
        getrusage(RUSAGE_THREAD, &u1);
        qsort(blocks, (size_t)nblocks, sizeof blocks[0], cmp_i64);
        double block_median = nblocks == 0 ? (double)(t1 - t0) / (double)n
                            : (nblocks % 2 ? (double)blocks[nblocks / 2]
                                           : ((double)blocks[nblocks / 2 - 1] + (double)blocks[nblocks / 2]) / 2) / BLOCK;
        /* What Peeloff's Linux provider adds to each peel-off in the kernel: it checks for a free
         * descriptor first with fcntl(F_DUPFD_CLOEXEC) + close(). Timed here on the same socket, so
         * the report can tell kernel work from Java/JNA work. */
        int64_t d0 = now_ns();
        for (long i = 0; i < n; i++) {
            int spare = fcntl(server, F_DUPFD_CLOEXEC, 0);
            if (spare < 0) {
                die("fcntl(F_DUPFD_CLOEXEC)");
            }
            close(spare);
        }
        int64_t d1 = now_ns();
        for (long i = 0; i < n; i++) {
            close(peeled[i]);
            close(clients[i]);
        }
        close(server);
        int64_t t2 = now_ns();
        printf("RESULT peel impl=c assocs=%ld round=%ld warmup=%d total_ns=%lld per_call_ns=%.1f setup_ms=%.1f teardown_ms=%.1f dupclose_ns=%.1f block_median_ns=%.1f user_ns=%lld sys_ns=%lld\n",
               n, r, r < warmup, (long long)(t1 - t0), (double)(t1 - t0) / (double)n,
               (double)(t0 - s0) / 1e6, (double)(t2 - d1) / 1e6, (double)(d1 - d0) / (double)n, block_median,
               (long long)tv_ns(&u1.ru_utime) - (long long)tv_ns(&u0.ru_utime),
               (long long)tv_ns(&u1.ru_stime) - (long long)tv_ns(&u0.ru_stime));
        fflush(stdout);
    }
    free(clients);
    free(peeled);
    free(ids);
    free(blocks);
    return 0;
}

/* ------------------------------------------------------------------ tput */

struct tput {
    int send_fd;
    int recv_fd;
    size_t size;
    volatile int stop;
    struct counter received;
};

static void *tput_sender(void *p)
{
    struct tput *t = p;
    char *buf = calloc(1, t->size);
    if (buf == NULL) {
        die("calloc");
    }
    while (!t->stop) {
        int n = sctp_sendmsg(t->send_fd, buf, t->size, NULL, 0, 0, 0, 0, 0, 0);
        if (n < 0 && errno != EINTR) {
            die("sctp_sendmsg");
        }
    }
    /* graceful shutdown: the receiver reads what is queued, then end-of-file */
    shutdown(t->send_fd, SHUT_WR);
    free(buf);
    return NULL;
}

static void *tput_receiver(void *p)
{
    struct tput *t = p;
    receive_counting(t->recv_fd, &t->received);
    return NULL;
}

static int mode_tput(int argc, char **argv)
{
    if (argc != 5) {
        fprintf(stderr, "usage: peeloff_bench tput SIZE WARMUP_MS WINDOW_MS\n");
        return 2;
    }
    struct tput t;
    memset(&t, 0, sizeof t);
    t.size = (size_t)arg_long(argv[2], "SIZE");
    long warmup_ms = arg_long(argv[3], "WARMUP_MS");
    long window_ms = arg_long(argv[4], "WINDOW_MS");
    int port;
    int server = open_server(&port);
    struct sockaddr_in to = loopback(port);
    t.send_fd = socket(AF_INET, SOCK_STREAM, IPPROTO_SCTP);
    if (t.send_fd < 0) {
        die("socket (one-to-one client)");
    }
    set_nodelay(t.send_fd);
    if (connect(t.send_fd, (struct sockaddr *)&to, sizeof to) != 0) {
        die("connect");
    }
    sctp_assoc_t id = await_comm_up(server);
    t.recv_fd = sctp_peeloff(server, id);
    if (t.recv_fd < 0) {
        die("sctp_peeloff");
    }
    set_nodelay(t.recv_fd);
    pthread_t rs, ss;
    pthread_create(&rs, NULL, tput_receiver, &t);
    pthread_create(&ss, NULL, tput_sender, &t);
    struct rate r = window(&t.received, 1, warmup_ms, window_ms);
    t.stop = 1;
    pthread_join(ss, NULL);
    pthread_join(rs, NULL);
    printf("RESULT tput impl=c size=%zu msgs=%llu seconds=%.3f msgs_per_s=%.1f mb_per_s=%.3f\n", t.size,
           (unsigned long long)r.msgs, r.secs, r.msgs_per_s, r.mb_per_s);
    close(t.send_fd);
    close(t.recv_fd);
    close(server);
    return 0;
}

/* ------------------------------------------------------------------ shared-server */

#define MAX_RECEIVERS 64
#define ID_SLOTS 4096 /* open addressing table of association ids, power of two */

static struct counter counters[MAX_RECEIVERS + 1];
static int ids_key[ID_SLOTS];
static uint64_t ids_msgs[ID_SLOTS];
static volatile int peel_now, peel_done;
static int busy_wanted;
static int peeled_fds[MAX_RECEIVERS];
static int peeled_count;
static char peeled_text[1024];

static uint64_t *id_slot(int id)
{
    unsigned h = ((unsigned)id * 2654435761u) & (ID_SLOTS - 1);
    while (ids_key[h] != 0 && ids_key[h] != id) {
        h = (h + 1) & (ID_SLOTS - 1);
    }
    ids_key[h] = id;
    return &ids_msgs[h];
}

struct peeled_arg {
    int fd;
    int slot;
};

static void *peeled_receiver(void *p)
{
    struct peeled_arg *a = p;
    receive_counting(a->fd, &counters[a->slot]);
    return NULL;
}

static void peel_busiest(int server)
{
    size_t off = 0;
    for (int k = 0; k < busy_wanted && k < MAX_RECEIVERS; k++) {
        int best = -1;
        for (int h = 0; h < ID_SLOTS; h++) {
            if (ids_key[h] > 0 && (best < 0 || ids_msgs[h] > ids_msgs[best])) {
                best = h;
            }
        }
        if (best < 0) {
            break;
        }
        int fd = sctp_peeloff(server, ids_key[best]);
        if (fd < 0) {
            die("sctp_peeloff (busiest)");
        }
        off += (size_t)snprintf(peeled_text + off, sizeof peeled_text - off, "%s%d:%llu", k ? "," : "",
                                ids_key[best], (unsigned long long)ids_msgs[best]);
        ids_key[best] = -1; /* a tombstone: no longer on this socket */
        struct peeled_arg *a = malloc(sizeof *a);
        a->fd = fd;
        a->slot = k + 1;
        peeled_fds[peeled_count++] = fd;
        pthread_t th;
        pthread_create(&th, NULL, peeled_receiver, a);
        pthread_detach(th);
    }
}

struct shared_arg {
    int server;
    int assocs;
    volatile int up;
};

static void *shared_receiver(void *p)
{
    struct shared_arg *s = p;
    static char buf[65536];
    uint64_t msgs = 0, bytes = 0;
    while (!stopping) {
        struct sctp_sndrcvinfo info;
        int flags = 0;
        int n = sctp_recvmsg(s->server, buf, sizeof buf, NULL, NULL, &info, &flags);
        if (n < 0) {
            if (errno == EINTR) {
                continue;
            }
            break;
        }
        if (flags & MSG_NOTIFICATION) {
            union sctp_notification *sn = (union sctp_notification *)buf;
            if (sn->sn_header.sn_type == SCTP_ASSOC_CHANGE && sn->sn_assoc_change.sac_state == SCTP_COMM_UP) {
                id_slot(sn->sn_assoc_change.sac_assoc_id);
                s->up = s->up + 1;
            }
        } else {
            if (flags & MSG_EOR) {
                msgs++;
                (*id_slot(info.sinfo_assoc_id))++;
            }
            bytes += (uint64_t)n;
            counters[0].msgs = msgs;
            counters[0].bytes = bytes;
        }
        if (peel_now && !peel_done) {
            peel_busiest(s->server);
            peel_done = 1;
        }
    }
    return NULL;
}

static int mode_shared_server(int argc, char **argv)
{
    if (argc != 6) {
        fprintf(stderr, "usage: peeloff_bench shared-server ASSOCS BUSY WARMUP_MS WINDOW_MS\n");
        return 2;
    }
    struct shared_arg s;
    memset(&s, 0, sizeof s);
    s.assocs = (int)arg_long(argv[2], "ASSOCS");
    busy_wanted = (int)arg_long(argv[3], "BUSY");
    long warmup_ms = arg_long(argv[4], "WARMUP_MS");
    long window_ms = arg_long(argv[5], "WINDOW_MS");
    int port;
    s.server = open_server(&port);
    printf("READY port=%d\n", port);
    fflush(stdout);
    pthread_t th;
    pthread_create(&th, NULL, shared_receiver, &s);
    pthread_detach(th);
    while (s.up < s.assocs) {
        sleep_ms(10);
    }
    struct rate r = window(counters, MAX_RECEIVERS + 1, warmup_ms, window_ms);
    printf("RESULT shared impl=c phase=before msgs=%llu seconds=%.3f msgs_per_s=%.1f mb_per_s=%.3f\n",
           (unsigned long long)r.msgs, r.secs, r.msgs_per_s, r.mb_per_s);
    fflush(stdout);
    peel_now = 1;
    while (!peel_done) {
        sleep_ms(5);
    }
    r = window(counters, MAX_RECEIVERS + 1, warmup_ms, window_ms);
    printf("RESULT shared impl=c phase=after msgs=%llu seconds=%.3f msgs_per_s=%.1f mb_per_s=%.3f peeled=%s\n",
           (unsigned long long)r.msgs, r.secs, r.msgs_per_s, r.mb_per_s, peeled_text);
    fflush(stdout);
    stopping = 1;
    /* the receiving threads are blocked in recvmsg: leaving the process closes everything */
    _exit(0);
}

/* ------------------------------------------------------------------ load */

struct busy_arg {
    int fd;
    size_t size;
};

static void *busy_sender(void *p)
{
    struct busy_arg *a = p;
    char *buf = calloc(1, a->size);
    for (;;) {
        int n = sctp_sendmsg(a->fd, buf, a->size, NULL, 0, 0, 0, 0, 0, 0);
        if (n < 0 && errno != EINTR) {
            break; /* the server went away */
        }
    }
    return NULL;
}

static int mode_load(int argc, char **argv)
{
    if (argc != 10) {
        fprintf(stderr, "usage: peeloff_bench load PORT ASSOCS BUSY BUSY_SIZE SPORADIC_SIZE SPORADIC_INTERVAL_MS PATH_MTU MAX_SECONDS\n");
        return 2;
    }
    int port = (int)arg_long(argv[2], "PORT");
    int assocs = (int)arg_long(argv[3], "ASSOCS");
    int busy = (int)arg_long(argv[4], "BUSY");
    size_t busy_size = (size_t)arg_long(argv[5], "BUSY_SIZE");
    size_t sporadic_size = (size_t)arg_long(argv[6], "SPORADIC_SIZE");
    long interval_ms = arg_long(argv[7], "SPORADIC_INTERVAL_MS");
    long path_mtu = arg_long(argv[8], "PATH_MTU");
    long max_seconds = arg_long(argv[9], "MAX_SECONDS");
    signal(SIGPIPE, SIG_IGN);
    alarm((unsigned)max_seconds); /* a safety net: the driver kills this process when done */
    struct sockaddr_in to = loopback(port);
    int *fds = calloc((size_t)assocs, sizeof(int));
    for (int i = 0; i < assocs; i++) {
        fds[i] = socket(AF_INET, SOCK_STREAM, IPPROTO_SCTP);
        if (fds[i] < 0) {
            die("socket (load client)");
        }
        set_nodelay(fds[i]);
        if (connect(fds[i], (struct sockaddr *)&to, sizeof to) != 0) {
            die("connect (load client)");
        }
        if (path_mtu > 0) {
            struct sctp_paddrparams pp;
            memset(&pp, 0, sizeof pp);
            pp.spp_flags = SPP_PMTUD_DISABLE;
            pp.spp_pathmtu = (uint32_t)path_mtu;
            if (setsockopt(fds[i], IPPROTO_SCTP, SCTP_PEER_ADDR_PARAMS, &pp, sizeof pp) != 0) {
                die("setsockopt(SCTP_PEER_ADDR_PARAMS)");
            }
        }
    }
    printf("CONNECTED assocs=%d\n", assocs);
    fflush(stdout);
    /* the busy ones: spread over the connection order */
    char *is_busy = calloc((size_t)assocs, 1);
    for (int k = 0; k < busy && k < assocs; k++) {
        int i = (int)(((long)(k + 1) * assocs) / (busy + 1));
        is_busy[i] = 1;
        struct busy_arg *a = malloc(sizeof *a);
        a->fd = fds[i];
        a->size = busy_size;
        pthread_t th;
        pthread_create(&th, NULL, busy_sender, a);
        pthread_detach(th);
    }
    char *buf = calloc(1, sporadic_size);
    uint64_t sent = 0, deferred = 0;
    for (;;) {
        int alive = 0;
        for (int i = 0; i < assocs; i++) {
            if (is_busy[i] || fds[i] < 0) {
                continue;
            }
            int n = sctp_sendmsg(fds[i], buf, sporadic_size, NULL, 0, 0, MSG_DONTWAIT, 0, 0, 0);
            if (n >= 0) {
                sent++;
                alive++;
            } else if (errno == EAGAIN || errno == EWOULDBLOCK || errno == EINTR) {
                deferred++;
                alive++;
            } else {
                close(fds[i]);
                fds[i] = -1;
            }
        }
        if (alive == 0 && assocs > busy) {
            break;
        }
        sleep_ms(interval_ms);
    }
    return 0;
}


/* ------------------------------------------------------------------ loop-server */

struct loop_arg {
    int ep;
};

static struct counter loop_counter;

/* The one thread of the event loop: epoll_wait, then every ready socket drained until EAGAIN. */
static void *loop_thread(void *p)
{
    struct loop_arg *a = p;
    static char buf[65536];
    struct epoll_event ev[256];
    uint64_t msgs = 0, bytes = 0;
    while (!stopping) {
        int n = epoll_wait(a->ep, ev, 256, 100);
        if (n < 0) {
            if (errno == EINTR) {
                continue;
            }
            die("epoll_wait");
        }
        for (int i = 0; i < n; i++) {
            int fd = ev[i].data.fd;
            for (;;) {
                struct sctp_sndrcvinfo info;
                int flags = 0;
                int r = sctp_recvmsg(fd, buf, sizeof buf, NULL, NULL, &info, &flags);
                if (r < 0) {
                    if (errno == EINTR) {
                        continue;
                    }
                    if (errno != EAGAIN && errno != EWOULDBLOCK) {
                        epoll_ctl(a->ep, EPOLL_CTL_DEL, fd, NULL);
                    }
                    break;
                }
                if (r == 0) {
                    epoll_ctl(a->ep, EPOLL_CTL_DEL, fd, NULL);
                    break;
                }
                if (flags & MSG_NOTIFICATION) {
                    continue;
                }
                if (flags & MSG_EOR) {
                    msgs++;
                }
                bytes += (uint64_t)r;
            }
        }
        loop_counter.msgs = msgs;
        loop_counter.bytes = bytes;
    }
    return NULL;
}

static int mode_loop_server(int argc, char **argv)
{
    if (argc != 5) {
        fprintf(stderr, "usage: peeloff_bench loop-server ASSOCS WARMUP_MS WINDOW_MS\n");
        return 2;
    }
    int assocs = (int)arg_long(argv[2], "ASSOCS");
    long warmup_ms = arg_long(argv[3], "WARMUP_MS");
    long window_ms = arg_long(argv[4], "WINDOW_MS");
    int port;
    int server = open_server(&port);
    int ep = epoll_create1(EPOLL_CLOEXEC);
    if (ep < 0) {
        die("epoll_create1");
    }
    printf("READY port=%d\n", port);
    fflush(stdout);
    for (int i = 0; i < assocs; i++) {
        sctp_assoc_t id = await_comm_up(server);
        int fd = sctp_peeloff(server, id);
        if (fd < 0) {
            die("sctp_peeloff (loop)");
        }
        if (fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK) != 0) {
            die("fcntl(O_NONBLOCK)");
        }
        struct epoll_event e;
        memset(&e, 0, sizeof e);
        e.events = EPOLLIN;
        e.data.fd = fd;
        if (epoll_ctl(ep, EPOLL_CTL_ADD, fd, &e) != 0) {
            die("epoll_ctl(EPOLL_CTL_ADD)");
        }
    }
    struct loop_arg a = { ep };
    pthread_t th;
    pthread_create(&th, NULL, loop_thread, &a);
    pthread_detach(th);
    struct rate r = window(&loop_counter, 1, warmup_ms, window_ms);
    printf("RESULT loop impl=c assocs=%d msgs=%llu seconds=%.3f msgs_per_s=%.1f mb_per_s=%.3f\n", assocs,
           (unsigned long long)r.msgs, r.secs, r.msgs_per_s, r.mb_per_s);
    fflush(stdout);
    stopping = 1;
    _exit(0);
}

int main(int argc, char **argv)
{
    setvbuf(stdout, NULL, _IOLBF, 0);
    if (argc >= 2 && strcmp(argv[1], "peel") == 0) {
        return mode_peel(argc, argv);
    }
    if (argc >= 2 && strcmp(argv[1], "tput") == 0) {
        return mode_tput(argc, argv);
    }
    if (argc >= 2 && strcmp(argv[1], "shared-server") == 0) {
        return mode_shared_server(argc, argv);
    }
    if (argc >= 2 && strcmp(argv[1], "load") == 0) {
        return mode_load(argc, argv);
    }
    if (argc >= 2 && strcmp(argv[1], "loop-server") == 0) {
        return mode_loop_server(argc, argv);
    }
    fprintf(stderr, "usage: peeloff_bench peel|tput|shared-server|load|loop-server ... (see the comment at the top of peeloff_bench.c)\n");
    return 2;
}
