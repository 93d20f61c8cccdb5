import { Landing } from "@/components/site/Landing";

export default function Home() {
  return <Landing locale="en" />;
}
