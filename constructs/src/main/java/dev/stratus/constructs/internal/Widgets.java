package dev.stratus.constructs.internal;

import java.util.List;

import software.amazon.awscdk.services.cloudwatch.GraphWidget;
import software.amazon.awscdk.services.cloudwatch.HorizontalAnnotation;
import software.amazon.awscdk.services.cloudwatch.IMetric;
import software.amazon.awscdk.services.cloudwatch.IWidget;
import software.amazon.awscdk.services.cloudwatch.TextWidget;
import software.constructs.IConstruct;

/**
 * The dashboard widgets the constructs build of their own metrics, in one style: a heading naming
 * the construct by its path, then graphs 6 units high, three (8 wide) or four (6 wide) to a row.
 *
 * <p>Internal: not part of the public API.
 */
public final class Widgets {
    public static final int HEIGHT = 6;

    private Widgets() {
    }

    /** {@code ### <kind> <path>} across the row. */
    public static IWidget heading(String kind, IConstruct construct) {
        return TextWidget.Builder.create().markdown("### " + kind + " `" + construct.getNode().getPath() + "`").width(24).height(1).build();
    }

    /** A line graph of {@code metrics} on the left axis. */
    public static IWidget graph(String title, int width, List<? extends IMetric> metrics) {
        return graph(title, width, metrics, List.of());
    }

    /** A line graph with horizontal lines (an alarm's threshold, a timeout). */
    public static IWidget graph(String title, int width, List<? extends IMetric> metrics, List<HorizontalAnnotation> annotations) {
        return GraphWidget.Builder.create()
                .title(title)
                .width(width)
                .height(HEIGHT)
                .left(List.copyOf(metrics))
                .leftAnnotations(annotations.isEmpty() ? null : annotations)
                .build();
    }
}
