import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { ALL_CHAPTERS } from "@/content/outline";
import { labMeta } from "@/components/lab/lab-meta";
import { LabFullPage } from "@/components/lab/pages/LabFullPage";

export const dynamicParams = false;
export const generateStaticParams = () => ALL_CHAPTERS.flatMap((c) => c.labs).filter((id) => labMeta(id, "en")).map((id) => ({ id }));

export async function generateMetadata({ params }: { params: Promise<{ id: string }> }): Promise<Metadata> {
  const { id } = await params;
  const meta = labMeta(id, "en");
  return meta ? { title: meta.title, description: meta.description } : {};
}

export default async function LabPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  if (!labMeta(id, "en")) notFound();
  return <LabFullPage locale="en" id={id} />;
}
