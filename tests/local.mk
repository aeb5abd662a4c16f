# Test programs link the internal convenience libraries when they test
# internals, and libcloudvirt.la when they test the public API as users see it.
TEST_CFLAGS = $(AM_CFLAGS) $(CUNIT_CFLAGS)
TEST_LIBS = $(CUNIT_LIBS) $(GLIB_LIBS)

EXTRA_DIST += tests/cu-main.h

dist_noinst_SCRIPTS += tests/check-symbols.sh tests/check-headers.sh
TESTS += tests/check-headers.sh tests/check-symbols.sh

check_PROGRAMS += tests/test-uri tests/test-error
TESTS += tests/test-uri tests/test-error
tests_test_uri_SOURCES = tests/test-uri.c
tests_test_uri_CFLAGS = $(TEST_CFLAGS)
tests_test_uri_LDADD = lib/core/libcvcore.la $(TEST_LIBS)
tests_test_error_SOURCES = tests/test-error.c
tests_test_error_CFLAGS = $(TEST_CFLAGS)
tests_test_error_LDADD = lib/core/libcvcore.la $(TEST_LIBS)

check_PROGRAMS += tests/test-api
TESTS += tests/test-api
tests_test_api_SOURCES = tests/test-api.c
tests_test_api_CFLAGS = $(TEST_CFLAGS)
tests_test_api_LDADD = lib/libcloudvirt.la $(TEST_LIBS)

check_PROGRAMS += tests/test-domain-xml
TESTS += tests/test-domain-xml
tests_test_domain_xml_SOURCES = tests/test-domain-xml.c
tests_test_domain_xml_CFLAGS = $(TEST_CFLAGS)
tests_test_domain_xml_LDADD = lib/core/xml/libcvxml.la lib/core/libcvcore.la $(TEST_LIBS) $(XML_LIBS)

check_PROGRAMS += tests/test-testdriver
TESTS += tests/test-testdriver
tests_test_testdriver_SOURCES = tests/test-testdriver.c
tests_test_testdriver_CFLAGS = $(TEST_CFLAGS)
tests_test_testdriver_LDADD = lib/libcloudvirt.la $(TEST_LIBS)
