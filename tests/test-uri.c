/*
 * URI parsing: every driver sees the same validated pieces, and a bad URI
 * says what is wrong with it.
 */
#include <config.h>

#include <string.h>

#include "core/error.h"
#include "core/uri.h"
#include "cu-main.h"

static void
expect_invalid(const char *str, const char *needle)
{
    cv_uri *uri;

    cv_error_reset();
    uri = cv_uri_parse(str);
    CU_ASSERT_PTR_NULL(uri);
    cv_uri_free(uri);
    CU_ASSERT_EQUAL(cv_error_last_code(), CV_ERR_INVALID_URI);
    if (cv_error_last())
        CU_ASSERT_PTR_NOT_NULL(strstr(cv_error_last()->message, needle));
}

static void
parses_local_test_uri(void)
{
    g_autoptr(cv_uri) uri = cv_uri_parse("test:///default");

    CU_ASSERT_PTR_NOT_NULL_FATAL(uri);
    CU_ASSERT_STRING_EQUAL(uri->driver, "test");
    CU_ASSERT_PTR_NULL(uri->transport);
    CU_ASSERT_STRING_EQUAL(uri->path, "/default");
    CU_ASSERT_EQUAL(uri->port, -1);
    CU_ASSERT_TRUE(cv_uri_is_local(uri));
}

static void
maps_qemu_to_kvm(void)
{
    g_autoptr(cv_uri) uri = cv_uri_parse("qemu:///system");
    g_autofree char *canon = NULL;

    CU_ASSERT_PTR_NOT_NULL_FATAL(uri);
    CU_ASSERT_STRING_EQUAL(uri->driver, "kvm");
    CU_ASSERT_STRING_EQUAL(uri->scheme, "qemu");
    canon = cv_uri_format(uri);
    CU_ASSERT_STRING_EQUAL(canon, "kvm:///system");
}

static void
splits_remote_uri(void)
{
    g_autoptr(cv_uri) uri = cv_uri_parse(
        "test+ssh://root@127.0.0.1:2222/default?keyfile=/tmp/k%20ey&known_hosts=/kh");

    CU_ASSERT_PTR_NOT_NULL_FATAL(uri);
    CU_ASSERT_STRING_EQUAL(uri->driver, "test");
    CU_ASSERT_STRING_EQUAL(uri->transport, "ssh");
    CU_ASSERT_STRING_EQUAL(uri->user, "root");
    CU_ASSERT_STRING_EQUAL(uri->host, "127.0.0.1");
    CU_ASSERT_EQUAL(uri->port, 2222);
    CU_ASSERT_STRING_EQUAL(uri->path, "/default");
    CU_ASSERT_STRING_EQUAL(cv_uri_get_param(uri, "keyfile"), "/tmp/k ey");
    CU_ASSERT_STRING_EQUAL(cv_uri_get_param(uri, "known_hosts"), "/kh");
    CU_ASSERT_PTR_NULL(cv_uri_get_param(uri, "missing"));
    CU_ASSERT_FALSE(cv_uri_is_local(uri));
}

static void
keeps_file_path_of_test_uri(void)
{
    g_autoptr(cv_uri) uri = cv_uri_parse("test:///tmp/some%20dir/host.xml");

    CU_ASSERT_PTR_NOT_NULL_FATAL(uri);
    CU_ASSERT_STRING_EQUAL(uri->path, "/tmp/some dir/host.xml");
}

static void
formats_canonically_with_sorted_params(void)
{
    g_autoptr(cv_uri) uri = cv_uri_parse("TEST+SSH://u@h/p?b=2&a=1");
    g_autofree char *s = NULL;

    CU_ASSERT_PTR_NOT_NULL_FATAL(uri);
    s = cv_uri_format(uri);
    CU_ASSERT_STRING_EQUAL(s, "test+ssh://u@h/p?a=1&b=2");
}

static void
refuses_unknown_driver(void)
{
    expect_invalid("vbox:///session", "unknown driver 'vbox'");
}

static void
refuses_unknown_transport(void)
{
    expect_invalid("test+tls://h/default", "unknown transport 'tls'");
}

static void
refuses_remote_without_host(void)
{
    expect_invalid("test+ssh:///default", "no host");
}

static void
refuses_garbage_and_empty(void)
{
    expect_invalid("", "empty");
    expect_invalid("not a uri", "cannot parse");
    expect_invalid("test+ssh+x://h/", "more than one '+'");
}

static void
refuses_overlong_uri(void)
{
    g_autofree char *path = g_strnfill(5000, 'a');
    g_autofree char *s = g_strconcat("test:///", path, NULL);

    expect_invalid(s, "longer than");
}

static void
refuses_fragment(void)
{
    expect_invalid("test:///default#x", "fragment");
}

static CU_TestInfo uri_tests[] = {
    CU_CASE(parses_local_test_uri),
    CU_CASE(maps_qemu_to_kvm),
    CU_CASE(splits_remote_uri),
    CU_CASE(keeps_file_path_of_test_uri),
    CU_CASE(formats_canonically_with_sorted_params),
    CU_CASE(refuses_unknown_driver),
    CU_CASE(refuses_unknown_transport),
    CU_CASE(refuses_remote_without_host),
    CU_CASE(refuses_garbage_and_empty),
    CU_CASE(refuses_overlong_uri),
    CU_CASE(refuses_fragment),
    CU_TEST_INFO_NULL,
};

static const cu_suite cu_suites[] = {
    { "uri", NULL, NULL, uri_tests },
    CU_SUITE_END,
};

CU_MAIN()
