package dev.confab.logging;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.encoder.LayoutWrappingEncoder;
import ch.qos.logback.core.rolling.FixedWindowRollingPolicy;
import ch.qos.logback.core.rolling.RollingFileAppender;
import ch.qos.logback.core.rolling.SizeBasedTriggeringPolicy;
import ch.qos.logback.core.util.FileSize;
import dev.confab.storage.AtomicFiles;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Confab's log file: {@code confab.log} in the OS log folder, rolled at {@value #MAX_FILE_MB} MB into at most
 * {@value #MAX_ARCHIVES} older files, redacted by {@link RedactingLayout}. Not configured in logback.xml
 * because nothing may be written before the user agreed: the desktop app enables it after consent, headless
 * commands (server, bot) when they start. Disable before erasing the log folder.
 */
public final class FileLogging {
    public static final String FILE_NAME = "confab.log";
    static final int MAX_FILE_MB = 5;
    static final int MAX_ARCHIVES = 4;
    private static final String APPENDER = "CONFAB_FILE";
    private static Path current;

    private FileLogging() {
    }

    /** Starts (or moves) file logging into {@code logsDir}. Idempotent. */
    public static synchronized void enable(Path logsDir) throws IOException {
        Path dir = logsDir.toAbsolutePath().normalize();
        if (dir.equals(current)) {
            return;
        }
        disable();
        Files.createDirectories(dir);
        AtomicFiles.restrictDirectory(dir);
        LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();

        RedactingLayout layout = new RedactingLayout();
        layout.setContext(context);
        layout.setPattern("%d{yyyy-MM-dd'T'HH:mm:ss.SSSXXX} %-5level [%thread] %logger{24} %msg%n");
        layout.start();
        LayoutWrappingEncoder<ILoggingEvent> encoder = new LayoutWrappingEncoder<>();
        encoder.setContext(context);
        encoder.setLayout(layout);
        encoder.start();

        RollingFileAppender<ILoggingEvent> appender = new RollingFileAppender<>();
        appender.setContext(context);
        appender.setName(APPENDER);
        appender.setFile(dir.resolve(FILE_NAME).toString());
        appender.setEncoder(encoder);
        FixedWindowRollingPolicy rolling = new FixedWindowRollingPolicy();
        rolling.setContext(context);
        rolling.setParent(appender);
        rolling.setFileNamePattern(dir.resolve("confab.%i.log").toString());
        rolling.setMinIndex(1);
        rolling.setMaxIndex(MAX_ARCHIVES);
        rolling.start();
        SizeBasedTriggeringPolicy<ILoggingEvent> trigger = new SizeBasedTriggeringPolicy<>();
        trigger.setContext(context);
        trigger.setMaxFileSize(FileSize.valueOf(MAX_FILE_MB + "MB"));
        trigger.start();
        appender.setRollingPolicy(rolling);
        appender.setTriggeringPolicy(trigger);
        appender.start();
        context.getLogger(Logger.ROOT_LOGGER_NAME).addAppender(appender);
        current = dir;
        Path file = dir.resolve(FILE_NAME);
        if (Files.exists(file)) {
            AtomicFiles.restrictFile(file);
        }
    }

    /** Stops writing the log file (closing it), e.g. before the log folder is erased. */
    public static synchronized void disable() {
        LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
        Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
        var appender = root.getAppender(APPENDER);
        if (appender != null) {
            root.detachAppender(appender);
            appender.stop();
        }
        current = null;
    }

    /** The folder being written to, or null. */
    public static synchronized Path folder() {
        return current;
    }
}
