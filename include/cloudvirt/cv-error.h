/*
 * cv-error.h: the error model. Every failing call leaves a code, the module
 * it came from and a message on the calling thread, readable with
 * cv_error_last(). The library never prints errors.
 */
#ifndef CLOUDVIRT_CV_ERROR_H
#define CLOUDVIRT_CV_ERROR_H

#include <cloudvirt/cv-common.h>

#ifdef __cplusplus
extern "C" {
#endif

/*
 * Error codes. The numbers are part of the ABI: never renumber, only append.
 */
typedef enum {
    CV_ERR_OK = 0,
    CV_ERR_INTERNAL = 1,          /* a bug in cloudvirt */
    CV_ERR_NO_MEMORY = 2,
    CV_ERR_INVALID_ARG = 3,       /* a caller passed something invalid */
    CV_ERR_INVALID_URI = 4,
    CV_ERR_NO_DRIVER = 5,         /* no driver accepts the URI */
    CV_ERR_UNSUPPORTED = 6,       /* the driver or format lacks this feature */
    CV_ERR_READ_ONLY = 7,         /* a mutating call on a read-only connection */
    CV_ERR_XML = 8,               /* malformed or hostile XML */
    CV_ERR_XML_UNSUPPORTED = 9,   /* well-formed XML using what we do not support */
    CV_ERR_INVALID_HANDLE = 10,   /* NULL or already released handle */
    CV_ERR_NO_DOMAIN = 11,
    CV_ERR_NO_NETWORK = 12,
    CV_ERR_NO_POOL = 13,
    CV_ERR_NO_VOLUME = 14,
    CV_ERR_NO_SNAPSHOT = 15,
    CV_ERR_DUPLICATE = 16,        /* name or UUID already in use */
    CV_ERR_OPERATION_INVALID = 17, /* not allowed in the object's current state */
    CV_ERR_OPERATION_FAILED = 18,
    CV_ERR_CONFIG = 19,           /* a definition that is well-formed but wrong */
    CV_ERR_RESOURCE_LIMIT = 20,   /* beyond the host's or the object's maximum */
    CV_ERR_IO = 21,               /* file or device I/O failed */
    CV_ERR_SYSTEM = 22,           /* another failing system call */
    CV_ERR_IMAGE_FORMAT = 23,     /* unknown or unsupported image format */
    CV_ERR_IMAGE_CORRUPT = 24,    /* an image violates its format's rules */
    CV_ERR_AUTH = 25,             /* authentication failed */
    CV_ERR_HOST_KEY = 26,         /* remote host key unknown or changed */
    CV_ERR_RPC = 27,              /* remote protocol error */
    CV_ERR_CONNECTION_CLOSED = 28, /* the connection is gone */
    CV_ERR_TIMEOUT = 29,
    CV_ERR_NETWORK_CONFLICT = 30, /* overlapping address ranges, bridge in use */
    CV_ERR_BUSY = 31,             /* in use by a running domain */
    CV_ERR_NO_SUPPORT_FLAGS = 32, /* an unknown flag was passed */
    CV_ERR_HYPERVISOR = 33,       /* the hypervisor or its manager refused */
    CV_ERR_DAEMON_UNAVAILABLE = 34 /* libvirtd or cloudvirtd is not running */
} cv_error_code;

/* Which part of cloudvirt raised the error. Append only. */
typedef enum {
    CV_FROM_NONE = 0,
    CV_FROM_CORE = 1,
    CV_FROM_URI = 2,
    CV_FROM_XML = 3,
    CV_FROM_EVENT = 4,
    CV_FROM_TEST = 5,
    CV_FROM_KVM = 6,
    CV_FROM_XEN = 7,
    CV_FROM_HYPERV = 8,
    CV_FROM_REMOTE = 9,
    CV_FROM_RPC = 10,
    CV_FROM_SSH = 11,
    CV_FROM_LIBVIRT = 12,
    CV_FROM_STORAGE = 13,
    CV_FROM_IMAGE = 14,
    CV_FROM_NET = 15
} cv_error_module;

/**
 * cv_error:
 * @code: a cv_error_code
 * @module: a cv_error_module
 * @message: what went wrong, for a person; never NULL in a set error
 *
 * Owned by the library; read it, never write or free it.
 */
typedef struct cv_error {
    int code;
    int module;
    const char *message;
} cv_error;

/**
 * cv_error_last:
 *
 * Returns: the last error raised on the calling thread, or NULL when the
 * last cloudvirt call on this thread succeeded. The pointer is valid until the
 * next cloudvirt call on the same thread.
 *
 * Since: 0.1
 */
CV_API const cv_error *cv_error_last(void);

/**
 * cv_error_reset:
 *
 * Clears the calling thread's last error. Every public call does this on
 * entry, so callers rarely need it.
 *
 * Since: 0.1
 */
CV_API void cv_error_reset(void);

/**
 * cv_error_code_name:
 * @code: a cv_error_code
 *
 * Returns: the code's stable symbolic name ("CV_ERR_NO_DOMAIN"), or
 * "CV_ERR_UNKNOWN". Static storage.
 *
 * Since: 0.1
 */
CV_API const char *cv_error_code_name(int code);

/**
 * cv_error_module_name:
 * @module: a cv_error_module
 *
 * Returns: a short lower-case name ("test", "image"), or "unknown". Static
 * storage.
 *
 * Since: 0.1
 */
CV_API const char *cv_error_module_name(int module);

#ifdef __cplusplus
}
#endif

#endif /* CLOUDVIRT_CV_ERROR_H */
