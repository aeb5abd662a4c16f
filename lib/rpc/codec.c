/*
 * Messages as GVariant. Decoding treats the payload as hostile: GVariant
 * accepts any byte string as a value of a fixed type without reading out of
 * bounds, and the normal-form check refuses the non-canonical encodings
 * (bad offsets, unterminated strings, invalid UTF-8) that would otherwise
 * be silently replaced by defaults.
 */
#include <config.h>

#include <string.h>

#include <cloudvirt/cloudvirt.h>

#include "core/error.h"
#include "rpc/protocol.h"

/* The end of a serialized "v" holding an "ay": NUL, then its type. */
const guint8 cv_rpc_data_tail[CV_RPC_DATA_TAIL] = { 0, 'a', 'y' };

GBytes *
cv_rpc_encode(const cv_rpc_header *hdr, GVariant *body)
{
    g_autoptr(GVariant) msg = NULL;
    gsize size;
    guint8 *buf;

    if (!body)
        body = g_variant_new("()");
    msg = g_variant_ref_sink(g_variant_new("(uuuuuuv)", hdr->program, hdr->version,
                                           hdr->procedure, hdr->type, hdr->serial,
                                           hdr->status, body));
    size = g_variant_get_size(msg);
    if (size > CV_RPC_MAX_FRAME) {
        cv_error_set(CV_ERR_RPC, CV_FROM_RPC,
                     "a message of %" G_GSIZE_FORMAT " bytes exceeds the protocol "
                     "limit of %u bytes (ask for less at a time, e.g. list with "
                     "filter flags)", size, CV_RPC_MAX_FRAME);
        return NULL;
    }
    /* GVariant serializes only to 8-byte aligned memory: the message
     * starts at buf + 8 and the 4-byte prefix sits just before it. */
    buf = g_malloc(size + 8);
    buf[4] = size >> 24;
    buf[5] = size >> 16;
    buf[6] = size >> 8;
    buf[7] = size;
    g_variant_store(msg, buf + 8);
    return g_bytes_new_with_free_func(buf + 4, size + 4, g_free, buf);
}

/*
 * "(uuuuuuv)" with an "ay" in the variant: six fixed u32 (24 bytes, native
 * order), then the variant (8-aligned, so at 24): its bytes, a NUL, its type
 * string. The tuple's only variable member is the last, so it has no
 * framing offsets.
 */

void
cv_rpc_encode_data_head(const cv_rpc_header *hdr, gsize len, guint8 head[CV_RPC_DATA_HEAD])
{
    guint32 f[6] = { hdr->program, hdr->version, hdr->procedure, hdr->type,
                     hdr->serial, hdr->status };
    guint32 size = 24 + len + CV_RPC_DATA_TAIL;

    head[0] = size >> 24;
    head[1] = size >> 16;
    head[2] = size >> 8;
    head[3] = size;
    memcpy(head + 4, f, sizeof(f));
}

int
cv_rpc_decode(GBytes *payload, cv_rpc_header *hdr, GVariant **body)
{
    g_autoptr(GVariant) msg = NULL;
    g_autoptr(GVariant) inner = NULL;

    memset(hdr, 0, sizeof(*hdr));
    *body = NULL;
    {
        /* Fast path for stream data, a message whose variant holds an
         * "ay". g_variant_is_normal_form() walks a byte array byte by byte
         * (it was most of cloudvirtd's time in an upload). Here normal form
         * is plain: 24 bytes of u32, then the bytes, a NUL and "ay"; since
         * "ay" has no NUL, the last NUL is always the separator, and every
         * byte string is a normal "ay". */
        gsize n;
        const guint8 *p = g_bytes_get_data(payload, &n);

        if (n >= 24 + CV_RPC_DATA_TAIL &&
            memcmp(p + n - CV_RPC_DATA_TAIL, cv_rpc_data_tail, CV_RPC_DATA_TAIL) == 0) {
            guint32 f[6];
            g_autoptr(GBytes) data = g_bytes_new_from_bytes(payload, 24,
                                                            n - 24 - CV_RPC_DATA_TAIL);

            memcpy(f, p, sizeof(f));
            hdr->program = f[0];
            hdr->version = f[1];
            hdr->procedure = f[2];
            hdr->type = f[3];
            hdr->serial = f[4];
            hdr->status = f[5];
            inner = g_variant_ref_sink(g_variant_new_from_bytes(G_VARIANT_TYPE_BYTESTRING,
                                                                data, TRUE));
            goto check;
        }
    }
    msg = g_variant_ref_sink(g_variant_new_from_bytes(G_VARIANT_TYPE(CV_RPC_MESSAGE_TYPE),
                                                      payload, FALSE));
    if (!g_variant_is_normal_form(msg)) {
        /* The header fields are fixed-size and first: readable even when
         * the body is broken, so the error can go to the right caller. */
        gsize n;
        const guint8 *p = g_bytes_get_data(payload, &n);

        if (n >= 24) {
            guint32 serial;

            memcpy(&serial, p + 16, 4);
            hdr->serial = serial;   /* GVariant data is in host order */
        }
        return cv_error_set(CV_ERR_RPC, CV_FROM_RPC,
                            "received a malformed message of %" G_GSIZE_FORMAT
                            " bytes (not a canonical %s)", n, CV_RPC_MESSAGE_TYPE);
    }
    g_variant_get(msg, "(uuuuuuv)", &hdr->program, &hdr->version, &hdr->procedure,
                  &hdr->type, &hdr->serial, &hdr->status, &inner);
check:
    if (hdr->program != CV_RPC_PROGRAM)
        return cv_error_set(CV_ERR_RPC, CV_FROM_RPC,
                            "received a message for program 0x%08x, not cloudvirt's "
                            "0x%08x (is the far side really cloudvirtd?)",
                            hdr->program, CV_RPC_PROGRAM);
    if (hdr->version != CV_RPC_VERSION)
        return cv_error_set(CV_ERR_RPC, CV_FROM_RPC,
                            "the far side speaks protocol version %u, this side %u "
                            "(install matching cloudvirt versions)",
                            hdr->version, CV_RPC_VERSION);
    if (hdr->type > CV_RPC_STREAM || hdr->status > CV_RPC_ERROR)
        return cv_error_set(CV_ERR_RPC, CV_FROM_RPC,
                            "received a message of unknown type %u / status %u",
                            hdr->type, hdr->status);
    if (hdr->status == CV_RPC_ERROR && !cv_rpc_body_is(inner, CV_RPC_ERROR_TYPE))
        return cv_error_set(CV_ERR_RPC, CV_FROM_RPC,
                            "received an error reply whose body is %s, not %s",
                            g_variant_get_type_string(inner), CV_RPC_ERROR_TYPE);
    *body = g_steal_pointer(&inner);
    return 0;
}

gboolean
cv_rpc_body_is(GVariant *body, const char *type_string)
{
    return g_variant_is_of_type(body, G_VARIANT_TYPE(type_string));
}

GVariant *
cv_rpc_error_body(void)
{
    const cv_error *err = cv_error_last();

    if (!err)
        return g_variant_new("(iis)", CV_ERR_INTERNAL, CV_FROM_RPC,
                             "the remote call failed without saying why (a "
                             "cloudvirt bug)");
    return g_variant_new("(iis)", err->code, err->module,
                         err->message ? err->message : "");
}

int
cv_rpc_error_raise(GVariant *body)
{
    gint32 code, module;
    const char *msg;

    g_variant_get(body, "(ii&s)", &code, &module, &msg);
    /* The code and module come from the far side: keep them as they are so
     * callers can act on them, but never let them say "no error". */
    if (code <= 0)
        code = CV_ERR_RPC;
    return cv_error_set(code, module, "%s", msg);
}
