package site

import "testing"

func BenchmarkFeed(b *testing.B) { benchPage(b, "/feed/") }

func BenchmarkSitemapIndex(b *testing.B) { benchPage(b, "/sitemap.xml") }

func BenchmarkSitemapArticles(b *testing.B) { benchPage(b, "/sitemap-articles-1.xml") }
