/*
 * libFuzzer target for the remote protocol's message decoder: what
 * cloudvirtd does with every frame a client sends, and the client with every
 * frame a server sends. Must never crash, leak or read out of bounds.
 *
 * Build and run: fuzz/fuzz-rpc.sh [seconds]
 */
#include <config.h>

#include <glib.h>

#include "core/error.h"
#include "rpc/client.h"
#include "rpc/protocol.h"

int LLVMFuzzerTestOneInput(const guint8 *data, size_t size);
int LLVMFuzzerInitialize(int *argc, char ***argv);

static void
seed(const char *dir, int i, guint32 proc, guint32 type, guint32 status, GVariant *body)
{
    cv_rpc_header h = { CV_RPC_PROGRAM, CV_RPC_VERSION, proc, type, 7, status };
    g_autoptr(GBytes) f = cv_rpc_encode(&h, body);
    g_autofree char *path = g_strdup_printf("%s/seed-%02d", dir, i);
    gsize n;
    const char *p = g_bytes_get_data(f, &n);

    g_file_set_contents(path, p + 4, n - 4, NULL);
}

/* With CV_FUZZ_SEEDS=DIR, writes valid messages of each shape there first,
 * so the fuzzer starts from the protocol rather than from nothing. */
int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
    const char *dir = g_getenv("CV_FUZZ_SEEDS");
    unsigned char u[16] = { 1 };
    int i = 0;

    if (!dir)
        return 0;
    g_mkdir_with_parents(dir, 0755);
    seed(dir, i++, CV_PROC_PING, CV_RPC_CALL, 0, NULL);
    seed(dir, i++, CV_PROC_DOMAIN_LOOKUP_BY_NAME, CV_RPC_CALL, 0, g_variant_new("(s)", "vm"));
    seed(dir, i++, CV_PROC_DOMAIN_SET_MEMORY, CV_RPC_CALL, 0, g_variant_new(
             "((s@ay)tu)", "vm", g_variant_new_fixed_array(G_VARIANT_TYPE_BYTE, u, 16, 1),
             (guint64)1024, 0));
    seed(dir, i++, CV_PROC_VOLUME_UPLOAD, CV_RPC_CALL, 0,
         g_variant_new("((sss)ttu)", "p", "v", "/k", (guint64)0, (guint64)9, 0));
    seed(dir, i++, CV_PROC_CONNECT_LIST_ALL_DOMAINS, CV_RPC_REPLY, 0, g_variant_new(
             "(@a(say))", g_variant_new_array(G_VARIANT_TYPE("(say)"), NULL, 0)));
    seed(dir, i++, 0, CV_RPC_REPLY, CV_RPC_ERROR,
         g_variant_new("(iis)", CV_ERR_NO_DOMAIN, CV_FROM_TEST, "no domain"));
    seed(dir, i++, CV_RPC_STREAM_DATA, CV_RPC_STREAM, 0,
         g_variant_new_fixed_array(G_VARIANT_TYPE_BYTE, "data\0ay", 8, 1));
    seed(dir, i++, CV_RPC_EVENT_DOMAIN, CV_RPC_EVENT, 0, g_variant_new(
             "(s@ayii)", "vm", g_variant_new_fixed_array(G_VARIANT_TYPE_BYTE, u, 16, 1), 2, 0));
    return 0;
}

int
LLVMFuzzerTestOneInput(const guint8 *data, size_t size)
{
    g_autoptr(GBytes) payload = g_bytes_new(data, size);
    g_autoptr(GVariant) body = NULL;
    cv_rpc_header h;

    if (size > CV_RPC_MAX_FRAME)
        return 0;
    if (cv_rpc_decode(payload, &h, &body) < 0)
        return 0;
    /* What both ends do next with a decoded message. */
    if (h.status == CV_RPC_ERROR) {
        cv_rpc_error_raise(body);
    } else if (h.type == CV_RPC_CALL) {
        const cv_rpc_proc_info *info = cv_rpc_proc_lookup(h.procedure);
        if (info && cv_rpc_body_is(body, info->args)) {
            /* Every child of a checked body is readable. */
            for (gsize i = 0; i < g_variant_n_children(body); i++) {
                g_autoptr(GVariant) c = g_variant_get_child_value(body, i);
                g_autofree char *text = g_variant_print(c, FALSE);
            }
        }
    } else if (h.type == CV_RPC_STREAM && cv_rpc_body_is(body, "ay")) {
        gsize n;
        const guint8 *p = g_variant_get_fixed_array(body, &n, 1);
        volatile guint8 sum = 0;
        for (gsize i = 0; i < n; i++)
            sum += p[i];
    }
    cv_error_reset();
    return 0;
}
