/*
 * check_atomicfile.c — replacing a file whole: the new contents replace
 * the old ones, a failed write (a full disk, a read-only folder, a failed
 * rename) or an abandoned one leaves the old file as it was, and no
 * temporary file is left behind either way; the mode, and a link the user
 * keeps (a config.yaml linked from a dotfiles folder).
 *
 * The full disk is a 16 KiB tmpfs mounted in a mount namespace of the
 * test's own (each test runs in a child process), or, where mounting is
 * not allowed, a file size limit (RLIMIT_FSIZE): the write fails with
 * EFBIG instead of ENOSPC, at the same place.
 */
#define _GNU_SOURCE /* unshare */
#include <errno.h>
#include <fcntl.h>
#include <sched.h>
#include <signal.h>
#include <stdbool.h>
#include <sys/mount.h>
#include <sys/resource.h>
#include <sys/stat.h>

#include "atomicfile.h"
#include "testutil.h"

static char dir[64], path[128];

static void setup(void)
{
	test_tmpdir(dir, sizeof dir);
	snprintf(path, sizeof path, "%s/file.txt", dir);
	umask(022);
}

static void teardown(void)
{
	test_rmtree(dir);
}

/* The number of entries in folder d (but . and ..). */
static int entries(const char *d)
{
	DIR *dp = opendir(d);
	ck_assert_ptr_nonnull(dp);
	int n = 0;
	struct dirent *e;
	while ((e = readdir(dp)))
		n += strcmp(e->d_name, ".") != 0 && strcmp(e->d_name, "..") != 0;
	closedir(dp);
	return n;
}

static void assert_holds(const char *file, const char *text)
{
	size_t len;
	char *got = test_slurp(file, &len);
	ck_assert_str_eq(got, text);
	free(got);
}

START_TEST(replaces_whole)
{
	test_write_file(path, "old\n", 4);
	struct atomicfile a;
	char *err = NULL;
	ck_assert_int_eq(atomicfile_open(&a, path, 0666, 0, &err), 0);
	/* beside the target, and the target untouched until the end */
	ck_assert_int_eq(entries(dir), 2);
	ck_assert_int_eq(strncmp(a.tmp, dir, strlen(dir)), 0);
	fputs("new\n", a.f);
	assert_holds(path, "old\n");
	ck_assert_int_eq(atomicfile_finish(&a, &err), 0);
	ck_assert_ptr_null(err);
	assert_holds(path, "new\n");
	ck_assert_int_eq(entries(dir), 1);
	struct stat st;
	ck_assert_int_eq(stat(path, &st), 0);
	ck_assert_int_eq(st.st_mode & 07777, 0644); /* 0666 less the umask */
}
END_TEST

START_TEST(creates_private)
{
	struct atomicfile a;
	ck_assert_int_eq(atomicfile_open(&a, path, 0600, ATOMICFILE_NOSYNC, NULL), 0);
	fputs("x", a.f);
	ck_assert_int_eq(atomicfile_finish(&a, NULL), 0);
	assert_holds(path, "x");
	struct stat st;
	ck_assert_int_eq(stat(path, &st), 0);
	ck_assert_int_eq(st.st_mode & 07777, 0600);
	ck_assert_int_eq(entries(dir), 1);
}
END_TEST

START_TEST(keeps_mode)
{
	test_write_file(path, "old\n", 4);
	ck_assert_int_eq(chmod(path, 0600), 0);
	struct atomicfile a;
	ck_assert_int_eq(atomicfile_open(&a, path, 0644, 0, NULL), 0);
	fputs("new\n", a.f);
	ck_assert_int_eq(atomicfile_finish(&a, NULL), 0);
	assert_holds(path, "new\n");
	struct stat st;
	ck_assert_int_eq(stat(path, &st), 0);
	ck_assert_int_eq(st.st_mode & 07777, 0600);
}
END_TEST

START_TEST(abandon_keeps_old)
{
	test_write_file(path, "old\n", 4);
	struct atomicfile a;
	ck_assert_int_eq(atomicfile_open(&a, path, 0644, 0, NULL), 0);
	fputs("half", a.f);
	atomicfile_abandon(&a);
	assert_holds(path, "old\n");
	ck_assert_int_eq(entries(dir), 1);
}
END_TEST

START_TEST(no_folder)
{
	char p[160];
	snprintf(p, sizeof p, "%s/gone/file.txt", dir);
	struct atomicfile a;
	char *err = NULL;
	ck_assert_int_eq(atomicfile_open(&a, p, 0644, 0, &err), -1);
	ck_assert_int_eq(errno, ENOENT);
	/* the user's name for it, not the temporary's */
	char want[220];
	snprintf(want, sizeof want, "cannot write %s: %s", p, strerror(ENOENT));
	ck_assert_str_eq(err, want);
	free(err);
	ck_assert_int_eq(entries(dir), 0);
}
END_TEST

/* The rename fails (a folder of that name): the temporary goes. */
START_TEST(rename_fails)
{
	char p[160], inside[200];
	snprintf(p, sizeof p, "%s/taken", dir);
	ck_assert_int_eq(mkdir(p, 0755), 0);
	snprintf(inside, sizeof inside, "%s/keep", p);
	test_write_file(inside, "k", 1);
	struct atomicfile a;
	char *err = NULL;
	ck_assert_int_eq(atomicfile_open(&a, p, 0644, 0, &err), 0);
	fputs("new\n", a.f);
	ck_assert_int_eq(atomicfile_finish(&a, &err), -1);
	ck_assert_ptr_nonnull(strstr(err, "cannot write "));
	ck_assert_ptr_nonnull(strstr(err, p));
	free(err);
	ck_assert_int_eq(entries(dir), 1);
	assert_holds(inside, "k");
}
END_TEST

/* A link the user made stays a link; the file it names is replaced. */
START_TEST(follows_own_link)
{
	char real_dir[128], real[160];
	snprintf(real_dir, sizeof real_dir, "%s/dotfiles", dir);
	ck_assert_int_eq(mkdir(real_dir, 0755), 0);
	snprintf(real, sizeof real, "%s/config.yaml", real_dir);
	test_write_file(real, "old\n", 4);
	ck_assert_int_eq(symlink("dotfiles/config.yaml", path), 0);
	struct atomicfile a;
	ck_assert_int_eq(atomicfile_open(&a, path, 0644, 0, NULL), 0);
	fputs("new\n", a.f);
	ck_assert_int_eq(atomicfile_finish(&a, NULL), 0);
	struct stat st;
	ck_assert_int_eq(lstat(path, &st), 0);
	ck_assert(S_ISLNK(st.st_mode));
	assert_holds(real, "new\n");
	ck_assert_int_eq(entries(dir), 2);
	ck_assert_int_eq(entries(real_dir), 1);
}
END_TEST

/* A link that leads nowhere is replaced by the file, as before. */
START_TEST(dangling_link_replaced)
{
	ck_assert_int_eq(symlink("nowhere/at/all", path), 0);
	struct atomicfile a;
	ck_assert_int_eq(atomicfile_open(&a, path, 0644, 0, NULL), 0);
	fputs("new\n", a.f);
	ck_assert_int_eq(atomicfile_finish(&a, NULL), 0);
	struct stat st;
	ck_assert_int_eq(lstat(path, &st), 0);
	ck_assert(S_ISREG(st.st_mode));
	assert_holds(path, "new\n");
}
END_TEST

/* A 16 KiB tmpfs at d in a private mount namespace. false (and said on
 * stdout) where this process may not mount one. */
static bool small_disk(const char *d)
{
	if (unshare(CLONE_NEWNS) != 0) {
		printf("check_atomicfile: cannot make a mount namespace (%s)\n", strerror(errno));
		return false;
	}
	/* nothing mounted here reaches the rest of the machine */
	if (mount(NULL, "/", NULL, MS_REC | MS_PRIVATE, NULL) != 0 ||
	    mount("limber-test", d, "tmpfs", 0, "size=16k,mode=0755") != 0) {
		printf("check_atomicfile: cannot mount a small tmpfs (%s)\n", strerror(errno));
		return false;
	}
	return true;
}

/* A write that does not fit: the old file intact, no temporary left, the
 * reason told. On the tmpfs ENOSPC; under a file size limit EFBIG. */
START_TEST(full_disk)
{
	char disk[128], p[160];
	snprintf(disk, sizeof disk, "%s/disk", dir);
	ck_assert_int_eq(mkdir(disk, 0755), 0);
	bool mounted = small_disk(disk);
	struct rlimit old_limit;
	if (!mounted) {
		printf("check_atomicfile: full disk stood in for by a 4 KiB file size limit\n");
		ck_assert_int_eq(getrlimit(RLIMIT_FSIZE, &old_limit), 0);
		struct rlimit l = {4096, old_limit.rlim_max};
		signal(SIGXFSZ, SIG_IGN);
		ck_assert_int_eq(setrlimit(RLIMIT_FSIZE, &l), 0);
	}
	snprintf(p, sizeof p, "%s/settings", disk);
	test_write_file(p, "old\n", 4);
	static char block[4096];
	memset(block, 'x', sizeof block);
	for (int sync = 0; sync < 2; sync++) {
		struct atomicfile a;
		char *err = NULL;
		ck_assert_int_eq(atomicfile_open(&a, p, 0644, sync ? 0 : ATOMICFILE_NOSYNC, &err), 0);
		for (int i = 0; i < 16; i++)
			fwrite(block, 1, sizeof block, a.f);
		ck_assert_int_eq(atomicfile_finish(&a, &err), -1);
		int e = mounted ? ENOSPC : EFBIG;
		ck_assert_int_eq(errno, e);
		char want[220];
		snprintf(want, sizeof want, "cannot write %s: %s", p, strerror(e));
		ck_assert_str_eq(err, want);
		free(err);
		assert_holds(p, "old\n");
		ck_assert_int_eq(entries(disk), 1);
	}
	if (mounted)
		ck_assert_int_eq(umount2(disk, MNT_DETACH), 0);
	else
		ck_assert_int_eq(setrlimit(RLIMIT_FSIZE, &old_limit), 0);
}
END_TEST

/* A folder that cannot be written: nothing made, the old file as it was.
 * Root writes through permission bits, so it takes a read-only mount. */
START_TEST(read_only_folder)
{
	char ro[128], p[160];
	snprintf(ro, sizeof ro, "%s/ro", dir);
	ck_assert_int_eq(mkdir(ro, 0755), 0);
	snprintf(p, sizeof p, "%s/settings", ro);
	bool mounted = false;
	if (geteuid() == 0) {
		if (!small_disk(ro)) {
			printf("check_atomicfile: read_only_folder skipped: root, and no mount\n");
			return;
		}
		mounted = true;
		test_write_file(p, "old\n", 4);
		ck_assert_int_eq(mount(NULL, ro, NULL, MS_REMOUNT | MS_RDONLY, NULL), 0);
	} else {
		test_write_file(p, "old\n", 4);
		ck_assert_int_eq(chmod(ro, 0555), 0);
	}
	struct atomicfile a;
	char *err = NULL;
	ck_assert_int_eq(atomicfile_open(&a, p, 0644, 0, &err), -1);
	int e = errno;
	ck_assert(e == EROFS || e == EACCES);
	ck_assert_ptr_nonnull(strstr(err, p));
	free(err);
	assert_holds(p, "old\n");
	ck_assert_int_eq(entries(ro), 1);
	if (mounted)
		ck_assert_int_eq(umount2(ro, MNT_DETACH), 0);
	else
		ck_assert_int_eq(chmod(ro, 0755), 0);
}
END_TEST

static Suite *atomicfile_suite(void)
{
	Suite *s = suite_create("atomicfile");
	TCase *tc = tcase_create("core");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, replaces_whole);
	tcase_add_test(tc, creates_private);
	tcase_add_test(tc, keeps_mode);
	tcase_add_test(tc, abandon_keeps_old);
	tcase_add_test(tc, no_folder);
	tcase_add_test(tc, rename_fails);
	tcase_add_test(tc, follows_own_link);
	tcase_add_test(tc, dangling_link_replaced);
	tcase_add_test(tc, full_disk);
	tcase_add_test(tc, read_only_folder);
	suite_add_tcase(s, tc);
	return s;
}

TEST_MAIN(atomicfile_suite)
