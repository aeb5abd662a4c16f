/*
 * The wire protocol between the remote driver and cloudvirtd.
 *
 * A frame is a 4-byte big-endian length followed by that many bytes: one
 * GVariant of type CV_RPC_MESSAGE_TYPE in normal form, (program, version,
 * procedure, type, serial, status, body). The length limit is hard on both
 * sides: a peer that announces more is cut off, so nobody can make the other
 * side allocate more than CV_RPC_MAX_FRAME per frame.
 *
 * A CALL carries the procedure's arguments; its REPLY (same serial) carries
 * the result, or, with status ERROR, the tuple (code, module, message). An
 * EVENT is unsolicited (serial 0). STREAM messages belong to the stream that
 * the CALL with that serial opened; their procedure says what they are.
 *
 * Procedure numbers are part of the protocol: append only.
 */
#pragma once

#include <glib.h>

#define CV_RPC_PROGRAM 0x43565254u     /* "CVRT" */
#define CV_RPC_VERSION 1u
#define CV_RPC_MAX_FRAME (32u << 20)
/* Stream data travels in chunks of at most this size. */
#define CV_RPC_STREAM_CHUNK (256u << 10)
/* Bytes of download data the server may send ahead of the reader. */
#define CV_RPC_STREAM_WINDOW (8u << 20)

#define CV_RPC_MESSAGE_TYPE "(uuuuuuv)"
#define CV_RPC_ERROR_TYPE "(iis)"

typedef enum {
    CV_RPC_CALL = 0,
    CV_RPC_REPLY = 1,
    CV_RPC_EVENT = 2,
    CV_RPC_STREAM = 3,
} cv_rpc_type;

typedef enum {
    CV_RPC_OK = 0,
    CV_RPC_ERROR = 1,
} cv_rpc_status;

/* Procedures of STREAM messages. */
typedef enum {
    CV_RPC_STREAM_DATA = 1,    /* body "ay" */
    CV_RPC_STREAM_END = 2,     /* body "()": no more data from the sender */
    CV_RPC_STREAM_ABORT = 3,   /* body "()": drop the transfer */
    CV_RPC_STREAM_CREDIT = 4,  /* body "(t)": reader consumed that many bytes */
} cv_rpc_stream_proc;

/* EVENT procedures. */
#define CV_RPC_EVENT_DOMAIN 1          /* body "(sayii)" */

/*
 * Call procedures: one per driver-table entry, plus the protocol's own.
 * Handles travel as: domain/network/pool "(say)" (name, 16-byte uuid),
 * volume "(sss)" (pool, name, key), snapshot "((say)s)".
 */
typedef enum {
    CV_PROC_PING = 1,
    CV_PROC_CONNECT_OPEN = 2,               /* "(su)" uri flags -> "()" */
    CV_PROC_CONNECT_GET_HOSTNAME,
    CV_PROC_CONNECT_GET_VERSION,
    CV_PROC_CONNECT_IS_ALIVE,
    CV_PROC_CONNECT_GET_NODE_INFO,
    CV_PROC_CONNECT_GET_CAPABILITIES,
    CV_PROC_DOMAIN_DEFINE_XML,
    CV_PROC_DOMAIN_CREATE_XML,
    CV_PROC_DOMAIN_UNDEFINE,
    CV_PROC_DOMAIN_START,                   /* 10 */
    CV_PROC_DOMAIN_SHUTDOWN,
    CV_PROC_DOMAIN_DESTROY,
    CV_PROC_DOMAIN_REBOOT,
    CV_PROC_DOMAIN_SUSPEND,
    CV_PROC_DOMAIN_RESUME,
    CV_PROC_DOMAIN_SET_AUTOSTART,
    CV_PROC_DOMAIN_GET_AUTOSTART,
    CV_PROC_DOMAIN_LOOKUP_BY_NAME,
    CV_PROC_DOMAIN_LOOKUP_BY_UUID,
    CV_PROC_DOMAIN_LOOKUP_BY_ID,            /* 20 */
    CV_PROC_CONNECT_LIST_ALL_DOMAINS,
    CV_PROC_DOMAIN_GET_ID,
    CV_PROC_DOMAIN_GET_INFO,
    CV_PROC_DOMAIN_GET_STATE,
    CV_PROC_DOMAIN_IS_ACTIVE,
    CV_PROC_DOMAIN_IS_PERSISTENT,
    CV_PROC_DOMAIN_GET_XML_DESC,
    CV_PROC_DOMAIN_SET_VCPUS,
    CV_PROC_DOMAIN_SET_MEMORY,
    CV_PROC_DOMAIN_ATTACH_DEVICE,           /* 30 */
    CV_PROC_DOMAIN_DETACH_DEVICE,
    CV_PROC_SNAPSHOT_CREATE_XML,
    CV_PROC_DOMAIN_LIST_ALL_SNAPSHOTS,
    CV_PROC_SNAPSHOT_LOOKUP_BY_NAME,
    CV_PROC_SNAPSHOT_CURRENT,
    CV_PROC_SNAPSHOT_REVERT,
    CV_PROC_SNAPSHOT_DELETE,
    CV_PROC_SNAPSHOT_GET_XML_DESC,
    CV_PROC_NETWORK_DEFINE_XML,
    CV_PROC_NETWORK_CREATE_XML,             /* 40 */
    CV_PROC_NETWORK_UNDEFINE,
    CV_PROC_NETWORK_START,
    CV_PROC_NETWORK_DESTROY,
    CV_PROC_NETWORK_LOOKUP_BY_NAME,
    CV_PROC_NETWORK_LOOKUP_BY_UUID,
    CV_PROC_CONNECT_LIST_ALL_NETWORKS,
    CV_PROC_NETWORK_GET_XML_DESC,
    CV_PROC_NETWORK_GET_BRIDGE_NAME,
    CV_PROC_NETWORK_IS_ACTIVE,
    CV_PROC_NETWORK_IS_PERSISTENT,          /* 50 */
    CV_PROC_NETWORK_SET_AUTOSTART,
    CV_PROC_NETWORK_GET_AUTOSTART,
    CV_PROC_POOL_DEFINE_XML,
    CV_PROC_POOL_START,
    CV_PROC_POOL_DESTROY,
    CV_PROC_POOL_UNDEFINE,
    CV_PROC_POOL_REFRESH,
    CV_PROC_POOL_LOOKUP_BY_NAME,
    CV_PROC_CONNECT_LIST_ALL_POOLS,
    CV_PROC_POOL_GET_INFO,                  /* 60 */
    CV_PROC_POOL_GET_XML_DESC,
    CV_PROC_POOL_IS_ACTIVE,
    CV_PROC_POOL_SET_AUTOSTART,
    CV_PROC_VOLUME_CREATE_XML,
    CV_PROC_VOLUME_LOOKUP_BY_NAME,
    CV_PROC_VOLUME_LOOKUP_BY_PATH,
    CV_PROC_POOL_LIST_ALL_VOLUMES,
    CV_PROC_VOLUME_GET_PATH,
    CV_PROC_VOLUME_GET_INFO,
    CV_PROC_VOLUME_GET_XML_DESC,            /* 70 */
    CV_PROC_VOLUME_DELETE,
    CV_PROC_VOLUME_RESIZE,
    CV_PROC_VOLUME_UPLOAD,
    CV_PROC_VOLUME_DOWNLOAD,
    CV_PROC_LAST
} cv_rpc_proc;

typedef struct {
    guint32 program;
    guint32 version;
    guint32 procedure;
    guint32 type;
    guint32 serial;
    guint32 status;
} cv_rpc_header;

/* frame.c: whole frames over a file descriptor. */

/*
 * Writes @frame (as made by cv_rpc_encode(), length prefix included) fully,
 * retrying on EINTR. Returns 0, or -1 with CV_ERR_CONNECTION_CLOSED set.
 */
int cv_rpc_frame_write(int fd, GBytes *frame);

/*
 * Reads one frame's payload (without the prefix). Returns 1 and *out on
 * success, 0 at a clean end of input before a frame starts, -1 with an
 * error set: CV_ERR_RPC when the announced length is 0 or above @max
 * (nothing of it is read or allocated), CV_ERR_CONNECTION_CLOSED when the
 * input ends or fails inside a frame.
 */
int cv_rpc_frame_read(int fd, guint32 max, GBytes **out);

/* codec.c: messages. */

/* A complete frame, prefix included; NULL only if it would exceed the
 * limit (CV_ERR_RPC set). Consumes a floating @body; NULL means "()". */
GBytes *cv_rpc_encode(const cv_rpc_header *hdr, GVariant *body);

/*
 * Parses untrusted @payload. Checks the type, normal form, program and
 * version. On success fills @hdr and returns 0 with *body holding a
 * reference to the body (a view into @payload, not a copy).
 * Returns -1 with CV_ERR_RPC otherwise; @hdr->serial is filled whenever the
 * header could be read, so the caller can address an error reply.
 */
int cv_rpc_decode(GBytes *payload, cv_rpc_header *hdr, GVariant **body);

/*
 * Stream data without copying it into a GVariant: the serialized message
 * is head (prefix + header + its place for the variant), the data, then
 * tail (the variant's type "ay"); byte-identical to cv_rpc_encode() of a
 * STREAM_DATA message with an "ay" body (tests/test-rpc.c checks).
 */
#define CV_RPC_DATA_HEAD 28
#define CV_RPC_DATA_TAIL 3
extern const guint8 cv_rpc_data_tail[CV_RPC_DATA_TAIL];
void cv_rpc_encode_data_head(const cv_rpc_header *hdr, gsize len,
                             guint8 head[CV_RPC_DATA_HEAD]);

/* The REPLY body for the calling thread's current error. */
GVariant *cv_rpc_error_body(void);

/* Raises the error an ERROR reply carries on this thread (returns -1). */
int cv_rpc_error_raise(GVariant *body);

/* TRUE when @body has type @type_string. */
gboolean cv_rpc_body_is(GVariant *body, const char *type_string);
