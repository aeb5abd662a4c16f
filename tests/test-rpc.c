/*
 * lib/rpc without SSH: frames, the message codec on hostile input, and the
 * client against a scripted peer on a socketpair (serial matching, errors
 * carried across, a peer that dies or falls silent).
 */
#include <config.h>

#include <signal.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include <glib.h>
#include <cloudvirt/cloudvirt.h>

#include "cu-main.h"
#include "core/error.h"
#include "rpc/client.h"
#include "rpc/protocol.h"

static GBytes *
payload_of(GBytes *frame)
{
    gsize n;
    const guint8 *p = g_bytes_get_data(frame, &n);

    return g_bytes_new(p + 4, n - 4);
}

static void
message_round_trips(void)
{
    cv_rpc_header h = { CV_RPC_PROGRAM, CV_RPC_VERSION, CV_PROC_DOMAIN_LOOKUP_BY_NAME,
                        CV_RPC_CALL, 4711, CV_RPC_OK }, out;
    g_autoptr(GBytes) frame = cv_rpc_encode(&h, g_variant_new("(s)", "vm1"));
    g_autoptr(GBytes) payload = payload_of(frame);
    g_autoptr(GVariant) body = NULL;
    const guint8 *p = g_bytes_get_data(frame, NULL);

    CU_ASSERT_EQUAL(((guint32)p[0] << 24 | p[1] << 16 | p[2] << 8 | p[3]),
                    g_bytes_get_size(frame) - 4);
    CU_ASSERT_EQUAL_FATAL(cv_rpc_decode(payload, &out, &body), 0);
    CU_ASSERT_EQUAL(out.serial, 4711);
    CU_ASSERT_EQUAL(out.procedure, CV_PROC_DOMAIN_LOOKUP_BY_NAME);
    CU_ASSERT(cv_rpc_body_is(body, "(s)"));
}

static void
decoder_refuses_garbage_and_foreign_programs(void)
{
    cv_rpc_header h = { 0xdeadbeef, CV_RPC_VERSION, 1, CV_RPC_CALL, 9, 0 }, out;
    g_autoptr(GBytes) frame = cv_rpc_encode(&h, NULL);
    g_autoptr(GBytes) payload = payload_of(frame);
    g_autoptr(GBytes) junk = g_bytes_new("\x01\x02\x03 not a message at all, really", 33);
    GVariant *body = NULL;

    CU_ASSERT_EQUAL(cv_rpc_decode(payload, &out, &body), -1);
    CU_ASSERT_EQUAL(cv_error_last_code(), CV_ERR_RPC);
    CU_ASSERT_PTR_NOT_NULL(strstr(cv_error_last()->message, "0xdeadbeef"));
    CU_ASSERT_EQUAL(cv_rpc_decode(junk, &out, &body), -1);
    CU_ASSERT_EQUAL(cv_error_last_code(), CV_ERR_RPC);
    CU_ASSERT_PTR_NULL(body);

    h.program = CV_RPC_PROGRAM;
    h.version = 99;
    {
        g_autoptr(GBytes) f2 = cv_rpc_encode(&h, NULL);
        g_autoptr(GBytes) p2 = payload_of(f2);
        CU_ASSERT_EQUAL(cv_rpc_decode(p2, &out, &body), -1);
        CU_ASSERT_PTR_NOT_NULL(strstr(cv_error_last()->message, "version 99"));
    }
}

static void
decoder_survives_every_truncation_and_bit_flip(void)
{
    cv_rpc_header h = { CV_RPC_PROGRAM, CV_RPC_VERSION, CV_PROC_DOMAIN_SET_MEMORY,
                        CV_RPC_CALL, 5, 0 }, out;
    unsigned char uuid[16] = { 1, 2, 3 };
    g_autoptr(GBytes) frame = cv_rpc_encode(&h, g_variant_new(
        "((s@ay)tu)", "dom", g_variant_new_fixed_array(G_VARIANT_TYPE_BYTE, uuid, 16, 1),
        (guint64)1024, 0));
    gsize n;
    const guint8 *p = g_bytes_get_data(frame, &n);
    int accepted = 0;

    for (gsize len = 0; len < n - 4; len++) {
        g_autoptr(GBytes) cut = g_bytes_new(p + 4, len);
        GVariant *body = NULL;
        if (cv_rpc_decode(cut, &out, &body) == 0) {
            accepted++;
            g_variant_unref(body);
        }
    }
    CU_ASSERT_EQUAL(accepted, 0);
    for (gsize i = 4; i < n; i++) {
        for (int bit = 0; bit < 8; bit++) {
            guint8 *m = g_memdup2(p + 4, n - 4);
            g_autoptr(GBytes) b = NULL;
            GVariant *body = NULL;

            m[i - 4] ^= 1 << bit;
            b = g_bytes_new_take(m, n - 4);
            if (cv_rpc_decode(b, &out, &body) == 0)
                g_variant_unref(body);   /* fine, as long as nothing breaks */
        }
    }
}

static void
frame_reader_refuses_oversized_without_allocating(void)
{
    int sv[2];
    GBytes *out = NULL;
    guint8 big[4] = { 0x7f, 0xff, 0xff, 0xff };
    guint8 zero[4] = { 0, 0, 0, 0 };

    CU_ASSERT_EQUAL_FATAL(socketpair(AF_UNIX, SOCK_STREAM, 0, sv), 0);
    CU_ASSERT_EQUAL(write(sv[1], big, 4), 4);
    CU_ASSERT_EQUAL(cv_rpc_frame_read(sv[0], CV_RPC_MAX_FRAME, &out), -1);
    CU_ASSERT_EQUAL(cv_error_last_code(), CV_ERR_RPC);
    CU_ASSERT_PTR_NOT_NULL(strstr(cv_error_last()->message, "2147483647"));
    CU_ASSERT_EQUAL(write(sv[1], zero, 4), 4);
    CU_ASSERT_EQUAL(cv_rpc_frame_read(sv[0], CV_RPC_MAX_FRAME, &out), -1);
    /* A frame cut short by the peer. */
    CU_ASSERT_EQUAL(write(sv[1], "\0\0\0\x10" "abc", 7), 7);
    close(sv[1]);
    CU_ASSERT_EQUAL(cv_rpc_frame_read(sv[0], CV_RPC_MAX_FRAME, &out), -1);
    CU_ASSERT_EQUAL(cv_error_last_code(), CV_ERR_CONNECTION_CLOSED);
    /* Then a clean end. */
    CU_ASSERT_EQUAL(cv_rpc_frame_read(sv[0], CV_RPC_MAX_FRAME, &out), 0);
    CU_ASSERT_PTR_NULL(out);
    close(sv[0]);
}

/* ---- the client against a scripted peer ---- */

typedef enum { PEER_ECHO_REVERSED, PEER_SILENT, PEER_DIE_AFTER_ONE } peer_mode;

typedef struct {
    int fd;
    peer_mode mode;
} peer_arg;

static void
peer_reply(int fd, const cv_rpc_header *call, guint32 status, GVariant *body)
{
    cv_rpc_header h = *call;
    g_autoptr(GBytes) f = NULL;

    h.type = CV_RPC_REPLY;
    h.status = status;
    f = cv_rpc_encode(&h, body);
    cv_rpc_frame_write(fd, f);
}

/* Answers lookups out of order (pairs swapped) to prove serial matching. */
static gpointer
peer_main(gpointer data)
{
    peer_arg *a = data;
    cv_rpc_header held = { 0 };
    char *held_name = NULL;
    int calls = 0;

    for (;;) {
        g_autoptr(GBytes) payload = NULL;
        g_autoptr(GVariant) body = NULL;
        cv_rpc_header h;
        const char *name;

        if (cv_rpc_frame_read(a->fd, CV_RPC_MAX_FRAME, &payload) <= 0)
            break;
        if (cv_rpc_decode(payload, &h, &body) < 0)
            break;
        if (a->mode == PEER_SILENT)
            continue;
        if (a->mode == PEER_DIE_AFTER_ONE && ++calls == 2)
            break;
        if (h.procedure != CV_PROC_DOMAIN_LOOKUP_BY_NAME) {
            peer_reply(a->fd, &h, CV_RPC_OK, NULL);
            continue;
        }
        g_variant_get(body, "(&s)", &name);
        if (g_str_equal(name, "missing")) {
            peer_reply(a->fd, &h, CV_RPC_ERROR,
                       g_variant_new("(iis)", CV_ERR_NO_DOMAIN, CV_FROM_TEST,
                                     "no domain named 'missing'"));
            continue;
        }
        if (!held_name) {
            held = h;
            held_name = g_strdup(name);
            continue;
        }
        {
            unsigned char u[16] = { 0 };
            peer_reply(a->fd, &h, CV_RPC_OK, g_variant_new(
                "(s@ay)", name, g_variant_new_fixed_array(G_VARIANT_TYPE_BYTE, u, 16, 1)));
            peer_reply(a->fd, &held, CV_RPC_OK, g_variant_new(
                "(s@ay)", held_name, g_variant_new_fixed_array(G_VARIANT_TYPE_BYTE, u, 16, 1)));
            g_clear_pointer(&held_name, g_free);
        }
    }
    g_free(held_name);
    close(a->fd);
    return NULL;
}

typedef struct {
    cv_rpc_client *c;
    const char *name;
    char *got;
    int code;
} caller_arg;

static gpointer
caller_main(gpointer data)
{
    caller_arg *a = data;
    GVariant *r = NULL;

    if (cv_rpc_client_call(a->c, CV_PROC_DOMAIN_LOOKUP_BY_NAME,
                           g_variant_new("(s)", a->name), &r) == 0) {
        g_variant_get(r, "(s@ay)", &a->got, NULL);
        g_variant_unref(r);
    } else {
        a->code = cv_error_last_code();
    }
    return NULL;
}

static cv_rpc_client *
client_with_peer(peer_mode mode, guint ka_ms, GThread **peer, peer_arg *pa)
{
    int sv[2];

    g_assert(socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, sv) == 0);
    pa->fd = sv[1];
    pa->mode = mode;
    *peer = g_thread_new("peer", peer_main, pa);
    {
        cv_rpc_io io = cv_rpc_fd_io(sv[0]);
        return cv_rpc_client_new(&io, NULL, NULL, ka_ms, 2);
    }
}

static void
data_frames_match_gvariant_encoding(void)
{
    cv_rpc_header h = { CV_RPC_PROGRAM, CV_RPC_VERSION, CV_RPC_STREAM_DATA,
                        CV_RPC_STREAM, 77, CV_RPC_OK }, out;
    guint8 head[CV_RPC_DATA_HEAD];
    const char data[] = "some stream bytes, of an odd length";
    gsize n = sizeof(data) - 1;
    g_autoptr(GBytes) ref = cv_rpc_encode(&h, g_variant_new_fixed_array(
        G_VARIANT_TYPE_BYTE, data, n, 1));
    g_autoptr(GByteArray) mine = g_byte_array_new();
    g_autoptr(GBytes) payload = NULL;
    g_autoptr(GVariant) body = NULL;

    cv_rpc_encode_data_head(&h, n, head);
    g_byte_array_append(mine, head, sizeof(head));
    g_byte_array_append(mine, (const guint8 *)data, n);
    g_byte_array_append(mine, cv_rpc_data_tail, CV_RPC_DATA_TAIL);
    CU_ASSERT_EQUAL_FATAL(mine->len, g_bytes_get_size(ref));
    CU_ASSERT_EQUAL(memcmp(mine->data, g_bytes_get_data(ref, NULL), mine->len), 0);
    payload = g_bytes_new(mine->data + 4, mine->len - 4);
    CU_ASSERT_EQUAL(cv_rpc_decode(payload, &out, &body), 0);
    CU_ASSERT(cv_rpc_body_is(body, "ay"));
}

static void
replies_reach_their_callers_whatever_the_order(void)
{
    peer_arg pa;
    GThread *peer;
    cv_rpc_client *c = client_with_peer(PEER_ECHO_REVERSED, 0, &peer, &pa);
    caller_arg a = { c, "alpha", NULL, 0 }, b = { c, "beta", NULL, 0 };
    GThread *ta = g_thread_new("a", caller_main, &a);
    GThread *tb = g_thread_new("b", caller_main, &b);
    GVariant *r = NULL;

    g_thread_join(ta);
    g_thread_join(tb);
    CU_ASSERT_STRING_EQUAL(a.got, "alpha");
    CU_ASSERT_STRING_EQUAL(b.got, "beta");
    /* The error crosses with its code, module and message. */
    CU_ASSERT_EQUAL(cv_rpc_client_call(c, CV_PROC_DOMAIN_LOOKUP_BY_NAME,
                                       g_variant_new("(s)", "missing"), &r), -1);
    CU_ASSERT_EQUAL(cv_error_last()->code, CV_ERR_NO_DOMAIN);
    CU_ASSERT_EQUAL(cv_error_last()->module, CV_FROM_TEST);
    CU_ASSERT_STRING_EQUAL(cv_error_last()->message, "no domain named 'missing'");
    /* A reply of the wrong shape is refused, not misread. */
    CU_ASSERT_EQUAL(cv_rpc_client_call(c, CV_PROC_CONNECT_GET_HOSTNAME, NULL, &r), -1);
    CU_ASSERT_EQUAL(cv_error_last_code(), CV_ERR_RPC);
    cv_rpc_client_free(c);
    g_thread_join(peer);
    g_free(a.got);
    g_free(b.got);
}

static void
dead_peer_fails_calls_in_flight(void)
{
    peer_arg pa;
    GThread *peer;
    cv_rpc_client *c = client_with_peer(PEER_DIE_AFTER_ONE, 0, &peer, &pa);
    caller_arg a = { c, "alpha", NULL, 0 };
    GThread *ta;

    /* The first lookup is held by the peer; the second call kills it. */
    ta = g_thread_new("a", caller_main, &a);
    g_usleep(100000);
    CU_ASSERT_EQUAL(cv_rpc_client_call(c, CV_PROC_PING, NULL, NULL), -1);
    CU_ASSERT_EQUAL(cv_error_last_code(), CV_ERR_CONNECTION_CLOSED);
    g_thread_join(ta);
    CU_ASSERT_EQUAL(a.code, CV_ERR_CONNECTION_CLOSED);
    CU_ASSERT_FALSE(cv_rpc_client_is_alive(c));
    cv_rpc_client_free(c);
    g_thread_join(peer);
}

static void
silent_peer_is_declared_dead_by_keepalive(void)
{
    peer_arg pa;
    GThread *peer;
    cv_rpc_client *c = client_with_peer(PEER_SILENT, 200, &peer, &pa);
    gint64 t0 = g_get_monotonic_time();

    CU_ASSERT_EQUAL(cv_rpc_client_call(c, CV_PROC_PING, NULL, NULL), -1);
    CU_ASSERT_EQUAL(cv_error_last_code(), CV_ERR_CONNECTION_CLOSED);
    CU_ASSERT_PTR_NOT_NULL(strstr(cv_error_last()->message, "keepalive"));
    /* 200 ms x 2, with generous slack. */
    CU_ASSERT(g_get_monotonic_time() - t0 < 2 * G_USEC_PER_SEC);
    cv_rpc_client_free(c);
    g_thread_join(peer);
}

static CU_TestInfo rpc_tests[] = {
    CU_CASE(message_round_trips),
    CU_CASE(decoder_refuses_garbage_and_foreign_programs),
    CU_CASE(decoder_survives_every_truncation_and_bit_flip),
    CU_CASE(frame_reader_refuses_oversized_without_allocating),
    CU_CASE(data_frames_match_gvariant_encoding),
    CU_CASE(replies_reach_their_callers_whatever_the_order),
    CU_CASE(dead_peer_fails_calls_in_flight),
    CU_CASE(silent_peer_is_declared_dead_by_keepalive),
    CU_TEST_INFO_NULL,
};

static const cu_suite cu_suites[] = {
    { "rpc", NULL, NULL, rpc_tests },
    CU_SUITE_END,
};

int
main(void)
{
    signal(SIGPIPE, SIG_IGN);
    return cu_run(cu_suites);
}
