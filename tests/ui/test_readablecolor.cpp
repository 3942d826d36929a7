// A dark palette (the system's dark theme) keeps every colour of the design readable: the label
// types in the tree, the pre-flight statuses, the error bar.
#include "fakeassetsource.h"
#include "ui/assetlabelmodel.h"
#include "ui/errorbar.h"
#include "ui/readablecolor.h"

#include <QApplication>
#include <QLabel>
#include <QPalette>
#include <gtest/gtest.h>

using namespace kili;
using namespace kili::ui;

namespace {

QPalette darkPalette() {
    QPalette dark;
    dark.setColor(QPalette::Window, QColor(0x2b, 0x2b, 0x2b));
    dark.setColor(QPalette::WindowText, QColor(0xee, 0xee, 0xee));
    dark.setColor(QPalette::Base, QColor(0x1e, 0x1e, 0x1e));
    dark.setColor(QPalette::Text, QColor(0xee, 0xee, 0xee));
    return dark;
}

// The application palette for the test's duration.
class WithPalette {
public:
    explicit WithPalette(const QPalette& palette)
        : m_saved(QApplication::palette()) {
        QApplication::setPalette(palette);
    }
    ~WithPalette() { QApplication::setPalette(m_saved); }

private:
    QPalette m_saved;
};

} // namespace

TEST(ReadableColor, ContrastRatioIsWcags) {
    EXPECT_NEAR(contrastRatio(Qt::black, Qt::white), 21.0, 0.01);
    EXPECT_NEAR(contrastRatio(QColor(0x77, 0x77, 0x77), QColor(0x77, 0x77, 0x77)), 1.0, 0.001);
}

TEST(ReadableColor, ADarkColourIsLightenedOnADarkBackgroundAndKeptOnALightOne) {
    const QColor purple(0x6a, 0x1b, 0x9a);
    EXPECT_EQ(readableOn(purple, Qt::white), purple) << "already readable on white";
    const QColor onDark = readableOn(purple, QColor(0x1e, 0x1e, 0x1e));
    EXPECT_GE(contrastRatio(onDark, QColor(0x1e, 0x1e, 0x1e)), 4.5);
    EXPECT_NEAR(onDark.hslHueF(), purple.hslHueF(), 0.02) << "the hue changed";
}

TEST(ReadableColor, TheTreesLabelTypesAreReadableInADarkTheme) {
    WithPalette dark(darkPalette());
    AssetLabelModel model(10);
    model.reset(1);
    Asset asset = kili::ui::testing::FakeAssetSource::makeAsset(2); // a label and a prediction
    model.setPage(0, {asset});
    const QModelIndex parent = model.index(0, 0);
    ASSERT_GT(model.rowCount(parent), 0);
    for (int row = 0; row < model.rowCount(parent); ++row) {
        const QVariant brush =
            model.index(row, AssetLabelModel::TypeColumn, parent).data(Qt::ForegroundRole);
        if (!brush.isValid())
            continue; // the palette's own text colour
        EXPECT_GE(contrastRatio(brush.value<QBrush>().color(), darkPalette().color(QPalette::Base)),
                  4.5)
            << model.index(row, AssetLabelModel::TypeColumn, parent)
                   .data()
                   .toString()
                   .toStdString();
    }
}

TEST(ReadableColor, TheErrorBarIsReadableInEitherTheme) {
    for (const QPalette& palette : {QPalette(Qt::white), darkPalette()}) {
        WithPalette applied(palette);
        ErrorBar bar;
        bar.showError(QStringLiteral("The server refused the key."));
        bar.ensurePolished();
        const QString sheet = bar.styleSheet();
        const QString background = sheet.section(QStringLiteral("background: "), 1).left(7);
        const QString text = sheet.section(QStringLiteral("color: "), 1).left(7);
        EXPECT_GE(contrastRatio(QColor(background), QColor(text)), 7.0) << sheet.toStdString();
    }
}
