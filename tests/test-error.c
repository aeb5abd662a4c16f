/*
 * The error model: per-thread last error, reset on entry, prefixes that keep
 * the original cause, and save/restore around cleanup.
 */
#include <config.h>

#include <errno.h>
#include <string.h>

#include "core/error.h"
#include "cu-main.h"

static void
set_error_is_visible_with_code_module_message(void)
{
    const cv_error *err;

    CU_ASSERT_EQUAL(cv_error_set(CV_ERR_NO_DOMAIN, CV_FROM_TEST, "no domain '%s'", "x"), -1);
    err = cv_error_last();
    CU_ASSERT_PTR_NOT_NULL_FATAL(err);
    CU_ASSERT_EQUAL(err->code, CV_ERR_NO_DOMAIN);
    CU_ASSERT_EQUAL(err->module, CV_FROM_TEST);
    CU_ASSERT_STRING_EQUAL(err->message, "no domain 'x'");
    cv_error_reset();
    CU_ASSERT_PTR_NULL(cv_error_last());
}

static void
errno_variant_appends_system_message(void)
{
    cv_error_set_errno(CV_ERR_IO, CV_FROM_IMAGE, ENOENT, "opening '%s'", "/nope");
    CU_ASSERT_PTR_NOT_NULL_FATAL(cv_error_last());
    CU_ASSERT_PTR_NOT_NULL(strstr(cv_error_last()->message, "opening '/nope': "));
    CU_ASSERT_PTR_NOT_NULL(strstr(cv_error_last()->message, g_strerror(ENOENT)));
}

static void
prefix_keeps_code_and_original_text(void)
{
    cv_error_set(CV_ERR_IMAGE_CORRUPT, CV_FROM_IMAGE, "L1 table beyond end of file");
    cv_error_prefix("opening '%s'", "disk.qcow2");
    CU_ASSERT_EQUAL(cv_error_last_code(), CV_ERR_IMAGE_CORRUPT);
    CU_ASSERT_STRING_EQUAL(cv_error_last()->message,
                           "opening 'disk.qcow2': L1 table beyond end of file");
}

static void
prefix_without_error_reports_a_bug(void)
{
    cv_error_reset();
    cv_error_prefix("doing something");
    CU_ASSERT_EQUAL(cv_error_last_code(), CV_ERR_INTERNAL);
    CU_ASSERT_PTR_NOT_NULL(strstr(cv_error_last()->message, "without saying why"));
}

static void
save_restore_keeps_first_error(void)
{
    cv_error_saved *saved;

    cv_error_set(CV_ERR_IO, CV_FROM_IMAGE, "write failed");
    saved = cv_error_save();
    cv_error_set(CV_ERR_SYSTEM, CV_FROM_IMAGE, "close failed too");
    cv_error_restore(saved);
    CU_ASSERT_EQUAL(cv_error_last_code(), CV_ERR_IO);
    CU_ASSERT_STRING_EQUAL(cv_error_last()->message, "write failed");

    cv_error_reset();
    saved = cv_error_save();
    cv_error_set(CV_ERR_SYSTEM, CV_FROM_IMAGE, "noise");
    cv_error_restore(saved);
    CU_ASSERT_PTR_NULL(cv_error_last());
}

static gpointer
thread_sets_own_error(gpointer data)
{
    cv_error_set(CV_ERR_NO_NETWORK, CV_FROM_NET, "thread error");
    return GINT_TO_POINTER(cv_error_last_code());
}

static void
errors_are_per_thread(void)
{
    GThread *t;

    cv_error_set(CV_ERR_NO_POOL, CV_FROM_STORAGE, "main error");
    t = g_thread_new("err", thread_sets_own_error, NULL);
    CU_ASSERT_EQUAL(GPOINTER_TO_INT(g_thread_join(t)), CV_ERR_NO_NETWORK);
    CU_ASSERT_EQUAL(cv_error_last_code(), CV_ERR_NO_POOL);
    CU_ASSERT_STRING_EQUAL(cv_error_last()->message, "main error");
}

static void
names_are_stable(void)
{
    CU_ASSERT_STRING_EQUAL(cv_error_code_name(CV_ERR_NO_DOMAIN), "CV_ERR_NO_DOMAIN");
    CU_ASSERT_STRING_EQUAL(cv_error_code_name(CV_ERR_DAEMON_UNAVAILABLE),
                           "CV_ERR_DAEMON_UNAVAILABLE");
    CU_ASSERT_STRING_EQUAL(cv_error_code_name(-1), "CV_ERR_UNKNOWN");
    CU_ASSERT_STRING_EQUAL(cv_error_code_name(9999), "CV_ERR_UNKNOWN");
    CU_ASSERT_STRING_EQUAL(cv_error_module_name(CV_FROM_IMAGE), "image");
    CU_ASSERT_STRING_EQUAL(cv_error_module_name(77), "unknown");
    /* Every code up to the last has a name: a new code without one would
     * print as unknown. */
    for (int c = 0; c <= CV_ERR_DAEMON_UNAVAILABLE; c++)
        CU_ASSERT_STRING_NOT_EQUAL(cv_error_code_name(c), "CV_ERR_UNKNOWN");
}

static CU_TestInfo error_tests[] = {
    CU_CASE(set_error_is_visible_with_code_module_message),
    CU_CASE(errno_variant_appends_system_message),
    CU_CASE(prefix_keeps_code_and_original_text),
    CU_CASE(prefix_without_error_reports_a_bug),
    CU_CASE(save_restore_keeps_first_error),
    CU_CASE(errors_are_per_thread),
    CU_CASE(names_are_stable),
    CU_TEST_INFO_NULL,
};

static const cu_suite cu_suites[] = {
    { "error", NULL, NULL, error_tests },
    CU_SUITE_END,
};

CU_MAIN()
