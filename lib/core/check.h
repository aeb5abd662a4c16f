/*
 * Argument checks done once, in the public entry points (lib/core/api-*.c),
 * so that drivers can trust what they are given. Each macro sets an error
 * naming the public function and returns @ret from the caller.
 */
#pragma once

#include "core/error.h"
#include "core/object.h"

#define CV_CHECK_NONNULL(arg, ret) \
    do { \
        if (G_UNLIKELY(!(arg))) { \
            cv_error_set(CV_ERR_INVALID_ARG, CV_FROM_CORE, \
                         "%s: argument '%s' must not be NULL", G_STRFUNC, #arg); \
            return ret; \
        } \
    } while (0)

#define CV_CHECK_HANDLE(h, what, ret) \
    do { \
        if (G_UNLIKELY(!(h))) { \
            cv_error_set(CV_ERR_INVALID_HANDLE, CV_FROM_CORE, \
                         "%s: %s handle is NULL", G_STRFUNC, what); \
            return ret; \
        } \
    } while (0)

#define CV_CHECK_CONN(c, ret) CV_CHECK_HANDLE(c, "connection", ret)
#define CV_CHECK_DOMAIN(d, ret) CV_CHECK_HANDLE(d, "domain", ret)
#define CV_CHECK_NETWORK(n, ret) CV_CHECK_HANDLE(n, "network", ret)
#define CV_CHECK_POOL(p, ret) CV_CHECK_HANDLE(p, "pool", ret)
#define CV_CHECK_VOLUME(v, ret) CV_CHECK_HANDLE(v, "volume", ret)
#define CV_CHECK_SNAPSHOT(s, ret) CV_CHECK_HANDLE(s, "snapshot", ret)

/* Unknown flags are an error, so that new flags can be added safely. */
#define CV_CHECK_FLAGS(flags, allowed, ret) \
    do { \
        if (G_UNLIKELY((flags) & ~(unsigned int)(allowed))) { \
            cv_error_set(CV_ERR_NO_SUPPORT_FLAGS, CV_FROM_CORE, \
                         "%s: unsupported flags 0x%x", G_STRFUNC, \
                         (unsigned int)((flags) & ~(unsigned int)(allowed))); \
            return ret; \
        } \
    } while (0)

#define CV_CHECK_WRITABLE(c, ret) \
    do { \
        if (G_UNLIKELY((c)->flags & CV_CONNECT_RO)) { \
            cv_error_set(CV_ERR_READ_ONLY, CV_FROM_CORE, \
                         "%s: the connection is read-only (opened with " \
                         "CV_CONNECT_RO); open it read-write to change " \
                         "anything", G_STRFUNC); \
            return ret; \
        } \
    } while (0)

/* Calls a driver entry, or fails with CV_ERR_UNSUPPORTED if it has none. */
#define CV_DRIVER_CALL(c, entry, ret, ...) \
    do { \
        if (G_UNLIKELY(!(c)->driver->entry)) { \
            cv_error_unsupported((c), #entry); \
            return ret; \
        } \
        return (c)->driver->entry(__VA_ARGS__); \
    } while (0)

/*
 * As CV_DRIVER_CALL for entries returning a pointer or count, adding the
 * "failed without an error" safety net: a driver that fails silently is a
 * bug, and the user gets an error that says so rather than nothing.
 */
#define CV_DRIVER_CALL_PTR(c, entry, ...) \
    do { \
        __typeof__((c)->driver->entry(__VA_ARGS__)) r_; \
        if (G_UNLIKELY(!(c)->driver->entry)) { \
            cv_error_unsupported((c), #entry); \
            return NULL; \
        } \
        r_ = (c)->driver->entry(__VA_ARGS__); \
        if (!r_ && !cv_error_is_set()) \
            cv_error_prefix("%s (driver %s)", G_STRFUNC, (c)->driver->name); \
        return r_; \
    } while (0)

#define CV_DRIVER_CALL_INT(c, entry, ...) \
    do { \
        int r_; \
        if (G_UNLIKELY(!(c)->driver->entry)) \
            return cv_error_unsupported((c), #entry); \
        r_ = (c)->driver->entry(__VA_ARGS__); \
        if (r_ < 0 && !cv_error_is_set()) \
            cv_error_prefix("%s (driver %s)", G_STRFUNC, (c)->driver->name); \
        return r_; \
    } while (0)
