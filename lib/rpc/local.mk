# lib/rpc: the remote protocol (frames, GVariant messages, the libssh2
# transport, the client and the server dispatch used by cloudvirtd).
noinst_LTLIBRARIES += lib/rpc/libcvrpc.la
lib_rpc_libcvrpc_la_SOURCES = \
	lib/rpc/protocol.h \
	lib/rpc/frame.c \
	lib/rpc/codec.c \
	lib/rpc/procinfo.c \
	lib/rpc/transport.h lib/rpc/transport-ssh.c \
	lib/rpc/client.h lib/rpc/client.c \
	lib/rpc/server.h lib/rpc/server.c lib/rpc/server-dispatch.c
lib_rpc_libcvrpc_la_CFLAGS = $(AM_CFLAGS) $(SSH2_CFLAGS)
lib_rpc_libcvrpc_la_LIBADD = $(GLIB_LIBS) $(SSH2_LIBS)
lib_libcloudvirt_la_LIBADD += lib/rpc/libcvrpc.la $(SSH2_LIBS)

# Remote management over a private sshd (REMOTE). Links the library's
# convenience archives (tools/cloudvirtd/libcvall.la) to reach the frame and
# codec code for the hostile-input cases; needs the built cloudvirtd.
check_PROGRAMS += tests/test-remote tests/test-rpc
TESTS += tests/test-remote tests/test-rpc
tests_test_remote_SOURCES = tests/test-remote.c tests/test-remote-fixture.c \
	tests/test-remote-fixture.h tests/test-remote-script.c
tests_test_remote_CFLAGS = $(TEST_CFLAGS)
tests_test_remote_LDADD = tools/cloudvirtd/libcvall.la $(TEST_LIBS)
# The core refers to the remote driver weakly: pull it from the archive.
tests_test_remote_LDFLAGS = $(AM_LDFLAGS) -Wl,-u,cv_remote_driver
EXTRA_tests_test_remote_DEPENDENCIES = tools/cloudvirtd/cloudvirtd
tests_test_rpc_SOURCES = tests/test-rpc.c
tests_test_rpc_CFLAGS = $(TEST_CFLAGS)
tests_test_rpc_LDADD = tools/cloudvirtd/libcvall.la $(TEST_LIBS)
